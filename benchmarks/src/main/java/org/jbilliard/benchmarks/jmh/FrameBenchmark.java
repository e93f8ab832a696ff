package org.jbilliard.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.jbilliard.reference.queue.QueuePrimitives;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building and verifying one frame (header + CRC32C of the payload), as every put and get does.
 *
 * <p>Reached through {@link QueuePrimitives}, the reference implementation's internal seam: each of
 * its methods is one call into the queue's own package-private code, so what is measured is what the
 * queue runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmark {

    /** Payload size: an encoded Integer, or an encoded 64 KiB byte[]. */
    @Param({"5", "65537"})
    public int payloadBytes;

    private byte[] payload;
    private byte[] frame;

    /** Creates the benchmark state; JMH calls {@link #setUp()}. */
    public FrameBenchmark() {
    }

    /** Builds the payload and its frame. */
    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[payloadBytes];
        frame = QueuePrimitives.encodeFrame(payload);
    }

    /**
     * Frames a payload as put does.
     *
     * @return the frame
     */
    @Benchmark
    public byte[] encode() {
        return QueuePrimitives.encodeFrame(payload);
    }

    /**
     * Verifies a frame as get does.
     *
     * @return {@code null} (intact)
     */
    @Benchmark
    public String verify() {
        return QueuePrimitives.verifyFrame(frame, frame.length);
    }
}
