package org.jbilliard.reference.queue;

import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of a pipe queue handle: its address, kind and item size limit. Deserializing it
 * attaches a new handle in the receiving process (e.g. a task's child JVM), with the same limit, so
 * that a task's {@code put} refuses what its parent's would.
 *
 * <p>A plain class, not a record, on purpose: deserializing a record goes through its canonical
 * constructor by method handles, and the first record a JVM reads spins some two dozen hidden classes
 * — measurable in a warm spare's start, where this is the first object a task's stream holds.
 *
 * <p><b>Thread-safety.</b> Immutable.
 */
final class SerializedHandle implements Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** The queue directory. */
    private final String address;
    /** One of the {@code ControlBlockLayout.KIND_*} constants. */
    private final int kind;
    /** The handle's largest encoded item. */
    private final int maxItemBytes;

    SerializedHandle(String address, int kind, int maxItemBytes) {
        this.address = address;
        this.kind = kind;
        this.maxItemBytes = maxItemBytes;
    }

    @java.io.Serial
    private Object readResolve() throws ObjectStreamException {
        return PipeQueues.limitItems(switch (kind) {
            case ControlBlockLayout.KIND_SIMPLE -> PipeQueues.attachSimple(address);
            case ControlBlockLayout.KIND_JOINABLE -> PipeQueues.attachJoinable(address);
            default -> PipeQueues.attach(address);
        }, maxItemBytes);
    }
}
