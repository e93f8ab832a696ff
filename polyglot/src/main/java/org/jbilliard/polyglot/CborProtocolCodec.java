package org.jbilliard.polyglot;

import java.io.Serial;
import org.jbilliard.codecs.CborCodec;
import org.jbilliard.redis.ProtocolCodec;

/**
 * {@link CborCodec} under the Redis protocol's codec id {@code "cbor"}: give it to a Redis queue
 * that Python participants share ({@code ctx.queue(maxsize, new CborProtocolCodec())}). Attaching
 * by address to a queue that records {@code cbor} (created here or by the Python package) finds it
 * through {@link java.util.ServiceLoader}.
 *
 * <p>The Redis module names a codec by {@link ProtocolCodec#protocolId()} and otherwise by its class;
 * this class gives the codecs module's {@code CborCodec} (id {@link CborCodec#ID}) that name.
 *
 * <p><b>Thread-safety.</b> Immutable and stateless, as {@link CborCodec}.
 */
public final class CborProtocolCodec implements ProtocolCodec {

    @Serial
    private static final long serialVersionUID = 1L;

    private final CborCodec codec = new CborCodec();

    /** Creates the codec; all instances behave identically. */
    public CborProtocolCodec() {
    }

    @Override
    public String protocolId() {
        return CborCodec.ID;
    }

    @Override
    public String id() {
        return CborCodec.ID;
    }

    @Override
    public byte[] encode(Object item) {
        return codec.encode(item);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        return codec.decode(bytes, offset, length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CborProtocolCodec;
    }

    @Override
    public int hashCode() {
        return CborCodec.ID.hashCode();
    }

    @Override
    public String toString() {
        return "CborProtocolCodec";
    }
}
