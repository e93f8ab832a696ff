package org.jbilliard.reference.queue;

import java.util.concurrent.TimeUnit;
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
 * <p>Lives in the queue's package because the frame layout is package-private: it is measured as
 * the queue uses it, not through a wider API made for the benchmark.
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
        frame = FrameLayout.encode(payload);
    }

    /**
     * Frames a payload as put does.
     *
     * @return the frame
     */
    @Benchmark
    public byte[] encode() {
        return FrameLayout.encode(payload);
    }

    /**
     * Verifies a frame as get does.
     *
     * @return {@code null} (intact)
     */
    @Benchmark
    public String verify() {
        return FrameLayout.verify(frame, frame.length);
    }
}
