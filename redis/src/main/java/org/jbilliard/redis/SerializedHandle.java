package org.jbilliard.redis;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import org.jbilliard.Codec;

/**
 * The serialized form of every Redis queue handle: kind, address, codec and the configuration
 * (credentials included — it travels inside a task on a child's standard input). Deserializing it
 * attaches a new handle to the same queue.
 *
 * <p><b>Thread-safety.</b> Immutable.
 */
final class SerializedHandle implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String address;
    private final Codec codec;
    private final RedisConfig config;
    private final int maxItemBytes;

    SerializedHandle(QueueCore core) {
        this.kind = core.kind.name();
        this.address = core.address.toString();
        this.codec = core.codec;
        this.config = core.server.config;
        this.maxItemBytes = RedisContext.DEFAULT_MAX_ITEM_BYTES;
    }

    Object readResolve() throws ObjectStreamException {
        QueueCore.Kind k;
        try {
            k = QueueCore.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidObjectException("unknown Redis queue kind " + kind);
        }
        QueueAddress a = QueueAddress.parse(address);
        QueueCore core = QueueCore.attach(Server.of(config.withEndpoint(a.endpoint)), a, k, codec);
        switch (k) {
            case JOINABLE:
                return new RedisJoinableQueue<>(core, maxItemBytes);
            case SIMPLE:
                return new RedisSimpleQueue<>(core, maxItemBytes);
            default:
                return new RedisQueue<>(core, maxItemBytes);
        }
    }
}
