/**
 * Python and Java on one Redis queue.
 *
 * <p>A Redis queue has an address ({@code redis://host:port/db#jbq=<id>}) that any process can
 * reach: Java processes through the Redis context, Python processes through the {@code jbilliard}
 * package in {@code python/} of this repository, which runs the same Lua scripts. Both record and
 * check the queue's codec id; the codecs both languages read are the codecs module's {@link
 * org.jbilliard.codecs.CborCodec} (id {@code "cbor"}) and the opt-in {@link
 * org.jbilliard.codecs.PickleCodec} (id {@code "pickle"}), given to a Redis queue as they are: a queue
 * records a codec's own {@link org.jbilliard.Codec#id()}. Their type table is in the
 * {@code org.jbilliard.codecs} package documentation.
 */
package org.jbilliard.polyglot;
