/**
 * Python and Java on one Redis queue.
 *
 * <p>A Redis queue has an address ({@code redis://host:port/db#jbq=<id>}) that any process can
 * reach: Java processes through the Redis context, Python processes through the {@code jbilliard}
 * package in {@code python/} of this repository, which runs the same Lua scripts. Both record and
 * check the queue's codec id; the codecs both languages read are {@link
 * org.jbilliard.polyglot.CborProtocolCodec} ({@code "cbor"}) and the opt-in {@link
 * org.jbilliard.polyglot.PickleProtocolCodec} ({@code "pickle"}), the codecs module's
 * {@code CborCodec} and {@code PickleCodec} under the protocol's ids. Their type table is in the
 * {@code org.jbilliard.codecs} package documentation.
 */
package org.jbilliard.polyglot;
