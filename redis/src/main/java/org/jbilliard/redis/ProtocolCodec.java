package org.jbilliard.redis;

import org.jbilliard.Codec;

/**
 * A codec with an id of the Redis protocol that other languages share (e.g. {@code cbor},
 * {@code pickle}; see {@code PROTOCOL.md}), instead of the Java-only {@code java:<class name>}.
 * A queue records the id in its {@code meta}; attaching by address finds the codec for an id through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.jbilliard.redis.ProtocolCodec}).
 *
 * <p><b>Thread-safety.</b> Implementations are thread-safe, as every {@link Codec}.
 */
public interface ProtocolCodec extends Codec {

    /**
     * Returns the codec's protocol id.
     *
     * @return the id, e.g. {@code "cbor"}; never one starting with {@code java:}
     */
    String protocolId();
}
