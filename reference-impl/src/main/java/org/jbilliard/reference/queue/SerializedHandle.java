package org.jbilliard.reference.queue;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of a pipe queue handle: its address and kind. Deserializing it attaches a new
 * handle in the receiving process (e.g. a task's child JVM). Immutable.
 *
 * @param address the queue directory
 * @param kind    one of the {@code ControlBlockLayout.KIND_*} constants
 */
record SerializedHandle(String address, int kind) implements Serializable {

    @java.io.Serial
    private Object readResolve() throws ObjectStreamException {
        return switch (kind) {
            case ControlBlockLayout.KIND_SIMPLE -> PipeQueues.attachSimple(address);
            case ControlBlockLayout.KIND_JOINABLE -> PipeQueues.attachJoinable(address);
            default -> PipeQueues.attach(address);
        };
    }
}
