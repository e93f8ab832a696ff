package org.jbilliard.dummy;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of a dummy queue handle: the queue's address. Deserializing it attaches a new
 * handle to the same queue, as a child process would.
 */
final class HandleRef implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String address;
    private final QueueCore.Kind kind;
    private final boolean qsizeSupported;
    private final boolean attachSupported;

    HandleRef(String address, QueueCore.Kind kind, boolean qsizeSupported, boolean attachSupported) {
        this.address = address;
        this.kind = kind;
        this.qsizeSupported = qsizeSupported;
        this.attachSupported = attachSupported;
    }

    Object readResolve() throws ObjectStreamException {
        QueueCore core = QueueCore.lookup(address, kind);
        switch (kind) {
            case QUEUE: return new DummyQueue<>(core, qsizeSupported, attachSupported);
            case JOINABLE: return new DummyJoinableQueue<>(core, qsizeSupported, attachSupported);
            default: return new DummySimpleQueue<>(core, attachSupported);
        }
    }
}
