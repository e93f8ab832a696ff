package org.jbilliard.polyglot;

import java.io.Serial;
import org.jbilliard.codecs.PickleCodec;
import org.jbilliard.redis.ProtocolCodec;

/**
 * {@link PickleCodec} under the Redis protocol's codec id {@code "pickle"}, for a Redis queue whose
 * Python participants already exchange pickles. <b>Unpickling in Python runs code chosen by the
 * sender: use it only between parties that trust each other.</b> Give it to the queue
 * ({@code ctx.queue(maxsize, new PickleProtocolCodec())}). Attaching by address to a queue that
 * records {@code pickle} (created here or by the Python package) finds it through
 * {@link java.util.ServiceLoader}.
 *
 * <p>The Redis module names a codec by {@link ProtocolCodec#protocolId()} and otherwise by its class;
 * this class gives the codecs module's {@code PickleCodec} (id {@link PickleCodec#ID}) that name.
 *
 * <p><b>Thread-safety.</b> Immutable and stateless, as {@link PickleCodec}.
 */
public final class PickleProtocolCodec implements ProtocolCodec {

    @Serial
    private static final long serialVersionUID = 1L;

    private final PickleCodec codec = new PickleCodec();

    /** Creates the codec; all instances behave identically. */
    public PickleProtocolCodec() {
    }

    @Override
    public String protocolId() {
        return PickleCodec.ID;
    }

    @Override
    public String id() {
        return PickleCodec.ID;
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
        return other instanceof PickleProtocolCodec;
    }

    @Override
    public int hashCode() {
        return PickleCodec.ID.hashCode();
    }

    @Override
    public String toString() {
        return "PickleProtocolCodec";
    }
}
