package org.jbilliard.reference.queue;

import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The control block's per-item primitives, uncontended, on a zeroed block in private memory: taking
 * and releasing a lock, and the atomic item counter.
 *
 * <p>Lives in the queue's package because these primitives are package-private: they are measured
 * as the queue uses them, not through a wider API made for the benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ControlBlockBenchmark {

    private Arena arena;
    private ControlBlock block;
    /** Any non-zero identity: the lock is never contended here. */
    private final long me = 0x0000_0001_0000_0001L;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public ControlBlockBenchmark() {
    }

    /** Maps a zeroed control block in private memory. */
    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        block = new ControlBlock(arena.allocate(ControlBlockLayout.SLOTS_OFFSET, 64));
    }

    /** Frees the control block. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /**
     * Takes and releases the read lock, uncontended.
     *
     * @return the lock outcome
     */
    @Benchmark
    public int lockUnlock() {
        int outcome = SharedLock.tryLock(block, ControlBlockLayout.READ_LOCK_OFFSET, me);
        SharedLock.unlock(block, ControlBlockLayout.READ_LOCK_OFFSET);
        return outcome;
    }

    /**
     * Increments the queue-size counter.
     *
     * @return the new value
     */
    @Benchmark
    public int counterIncrement() {
        return block.addInt(ControlBlockLayout.QSIZE_OFFSET, 1);
    }
}
