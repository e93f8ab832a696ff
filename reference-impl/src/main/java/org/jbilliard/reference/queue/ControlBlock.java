package org.jbilliard.reference.queue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.jbilliard.reference.nativeio.LibC;

/**
 * Atomic access to a mapped control block (see {@link ControlBlockLayout}) and futex waits on its
 * words.
 *
 * <p><b>Thread-safety.</b> Every accessor is atomic; volatile accessors are sequentially consistent
 * with each other in all processes mapping the block (they compile to plain aligned loads/stores with
 * the fences Java requires, which the CPU honours across processes as across threads).
 */
final class ControlBlock {

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment segment;
    private final long base;

    ControlBlock(MemorySegment segment) {
        this.segment = segment;
        this.base = segment.address();
    }

    MemorySegment segment() {
        return segment;
    }

    int getInt(long offset) {
        return (int) INT.getVolatile(segment, offset);
    }

    void setInt(long offset, int value) {
        INT.setVolatile(segment, offset, value);
    }

    /** A plain store, for fields published by a later volatile store. */
    void setIntPlain(long offset, int value) {
        INT.set(segment, offset, value);
    }

    /** A plain store, for fields published by a later volatile store. */
    void setLongPlain(long offset, long value) {
        LONG.set(segment, offset, value);
    }

    boolean casInt(long offset, int expected, int value) {
        return INT.compareAndSet(segment, offset, expected, value);
    }

    int addInt(long offset, int delta) {
        return (int) INT.getAndAdd(segment, offset, delta) + delta;
    }

    long getLong(long offset) {
        return (long) LONG.getVolatile(segment, offset);
    }

    void setLong(long offset, long value) {
        LONG.setVolatile(segment, offset, value);
    }

    boolean casLong(long offset, long expected, long value) {
        return LONG.compareAndSet(segment, offset, expected, value);
    }

    /**
     * Sleeps while the int at {@code offset} equals {@code expected}, at most {@code nanos}.
     *
     * @return {@code true} if the sleep ended by a wake-up or a changed value, {@code false} on timeout
     */
    boolean futexWait(long offset, int expected, long nanos) {
        return LibC.futexWait(base + offset, expected, nanos) != -LibC.ETIMEDOUT;
    }

    void futexWakeAll(long offset) {
        LibC.futexWake(base + offset, Integer.MAX_VALUE);
    }

    void futexWakeOne(long offset) {
        LibC.futexWake(base + offset, 1);
    }
}
