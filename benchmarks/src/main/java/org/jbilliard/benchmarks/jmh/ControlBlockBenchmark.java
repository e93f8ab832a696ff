package org.jbilliard.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.jbilliard.reference.queue.QueuePrimitives;
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
 * <p>Reached through {@link QueuePrimitives}, the reference implementation's internal seam: each of
 * its methods is one call into the queue's own package-private code, so what is measured is what the
 * queue runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ControlBlockBenchmark {

    private QueuePrimitives.PrivateControlBlock block;
    /** Any non-zero identity: the lock is never contended here. */
    private final long me = 0x0000_0001_0000_0001L;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public ControlBlockBenchmark() {
    }

    /** Maps a zeroed control block in private memory. */
    @Setup(Level.Trial)
    public void setUp() {
        block = new QueuePrimitives.PrivateControlBlock();
    }

    /** Frees the control block. */
    @TearDown(Level.Trial)
    public void tearDown() {
        block.close();
    }

    /**
     * Takes and releases the read lock, uncontended.
     *
     * @return the lock outcome
     */
    @Benchmark
    public int lockUnlock() {
        return block.lockAndUnlockRead(me);
    }

    /**
     * Increments the queue-size counter.
     *
     * @return the new value
     */
    @Benchmark
    public int counterIncrement() {
        return block.incrementSize();
    }
}
