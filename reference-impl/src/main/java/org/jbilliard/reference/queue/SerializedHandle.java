package org.jbilliard.reference.queue;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of a pipe queue handle: its address, kind and item size limit. Deserializing it
 * attaches a new handle in the receiving process (e.g. a task's child JVM), with the same limit, so
 * that a task's {@code put} refuses what its parent's would. Immutable.
 *
 * @param address      the queue directory
 * @param kind         one of the {@code ControlBlockLayout.KIND_*} constants
 * @param maxItemBytes the handle's largest encoded item
 */
record SerializedHandle(String address, int kind, int maxItemBytes) implements Serializable {

    @java.io.Serial
    private Object readResolve() throws ObjectStreamException {
        return PipeQueues.limitItems(switch (kind) {
            case ControlBlockLayout.KIND_SIMPLE -> PipeQueues.attachSimple(address);
            case ControlBlockLayout.KIND_JOINABLE -> PipeQueues.attachJoinable(address);
            default -> PipeQueues.attach(address);
        }, maxItemBytes);
    }
}
