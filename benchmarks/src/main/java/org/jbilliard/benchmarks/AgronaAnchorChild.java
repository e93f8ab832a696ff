package org.jbilliard.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * One process of the shared-memory anchor ({@link AgronaAnchor}): maps the file the harness created
 * and moves items through Agrona's {@link OneToOneRingBuffer} in it, as a JVM program that picks
 * shared memory for inter-process messaging would.
 *
 * <pre>
 *   AgronaAnchorChild producer &lt;file&gt; &lt;itemBytes&gt; &lt;count&gt;   itemBytes 0: small ints
 *   AgronaAnchorChild consumer &lt;file&gt; &lt;itemBytes&gt; &lt;count&gt;
 *   AgronaAnchorChild echo     &lt;file&gt; &lt;count&gt;                 (two rings: ping, then pong)
 *   AgronaAnchorChild pinger   &lt;file&gt; &lt;count&gt; &lt;warmup&gt;
 * </pre>
 *
 * A producer or consumer prints {@code READY}, waits for a line on its standard input (the
 * harness's release), moves {@code count} items and, for the consumer, prints
 * {@code DONE msgs=N}. Small ints are written in place ({@code tryClaim}: 4 bytes); a
 * {@code byte[]} item is copied into the ring from the producer's array and out of it into a new
 * array per item, as a queue hands a new array to its consumer. The pinger prints
 * {@code RESULT p50_us=.. p99_us=..}. Waiting (ring full or empty) uses a
 * {@link BackoffIdleStrategy}: spin, yield, then park from 1 µs up to 100 µs. Single-threaded; a
 * failure ends the process with a stack trace and status 1.
 */
public final class AgronaAnchorChild {

    /** Ring capacity: 16 MiB, so that a 1 MiB message fits (Agrona allows an eighth of the capacity). */
    public static final int RING_CAPACITY = 16 << 20;
    /** Bytes of one ring in the file: the capacity and Agrona's trailer. */
    public static final int RING_FILE_BYTES = RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;

    private static final int MSG_TYPE = 1;

    private AgronaAnchorChild() {
    }

    /**
     * Runs one role; see the class comment.
     *
     * @param args the role and its arguments
     * @throws Exception on any failure (the process then exits non-zero with the trace)
     */
    public static void main(String[] args) throws Exception {
        String role = args[0];
        File file = new File(args[1]);
        MappedByteBuffer mapped = IoUtil.mapExistingFile(file, "agrona anchor");
        try {
            switch (role) {
                case "producer" -> produce(ring(mapped, 0), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "consumer" -> consume(ring(mapped, 0), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                case "echo" -> echo(ring(mapped, 0), ring(mapped, 1), Integer.parseInt(args[2]));
                case "pinger" -> ping(ring(mapped, 0), ring(mapped, 1), Integer.parseInt(args[2]),
                        Integer.parseInt(args[3]));
                default -> throw new IllegalArgumentException("unknown role " + role);
            }
        } finally {
            IoUtil.unmap(mapped);
        }
        System.out.flush();
    }

    private static RingBuffer ring(MappedByteBuffer mapped, int index) {
        return new OneToOneRingBuffer(new UnsafeBuffer(mapped, index * RING_FILE_BYTES, RING_FILE_BYTES));
    }

    private static IdleStrategy idle() {
        return new BackoffIdleStrategy(100, 10, 1_000, 100_000);
    }

    private static void awaitRelease() throws Exception {
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (in.readLine() == null) {
            throw new IllegalStateException("the harness closed standard input before the release");
        }
    }

    private static void produce(RingBuffer ring, int itemBytes, int count) throws Exception {
        IdleStrategy idle = idle();
        UnsafeBuffer payload = itemBytes > 0 ? new UnsafeBuffer(new byte[itemBytes]) : null;
        awaitRelease();
        for (int i = 0; i < count; i++) {
            if (payload == null) {
                int at;
                while ((at = ring.tryClaim(MSG_TYPE, Integer.BYTES)) <= 0) {
                    idle.idle(0);
                }
                ring.buffer().putInt(at, i);
                ring.commit(at);
            } else {
                while (!ring.write(MSG_TYPE, payload, 0, itemBytes)) {
                    idle.idle(0);
                }
            }
            idle.reset();
        }
    }

    private static void consume(RingBuffer ring, int itemBytes, int count) throws Exception {
        IdleStrategy idle = idle();
        long[] state = new long[2]; // received, checksum of what was received
        awaitRelease();
        while (state[0] < count) {
            int n = ring.read((type, buffer, index, length) -> {
                if (itemBytes > 0) {
                    byte[] item = new byte[length];
                    buffer.getBytes(index, item);
                    state[1] += item.length;
                } else {
                    state[1] += buffer.getInt(index);
                }
                state[0]++;
            });
            idle.idle(n);
        }
        long expected = itemBytes > 0 ? (long) itemBytes * count : (long) count * (count - 1) / 2;
        if (state[1] != expected) {
            throw new IllegalStateException("received items sum to " + state[1] + ", expected " + expected);
        }
        System.out.println("DONE msgs=" + state[0]);
        System.out.flush();
    }

    private static void echo(RingBuffer ping, RingBuffer pong, int count) {
        IdleStrategy idle = idle();
        int[] value = new int[1];
        for (int i = 0; i < count; i++) {
            while (ping.read((type, buffer, index, length) -> value[0] = buffer.getInt(index), 1) == 0) {
                idle.idle(0);
            }
            idle.reset();
            put(pong, value[0], idle);
        }
    }

    private static void ping(RingBuffer ping, RingBuffer pong, int count, int warmup) {
        IdleStrategy idle = idle();
        double[] samples = new double[count];
        int[] value = new int[1];
        for (int i = 0; i < warmup + count; i++) {
            long t0 = System.nanoTime();
            put(ping, i, idle);
            while (pong.read((type, buffer, index, length) -> value[0] = buffer.getInt(index), 1) == 0) {
                idle.idle(0);
            }
            idle.reset();
            if (i >= warmup) {
                samples[i - warmup] = (System.nanoTime() - t0) / 1e3;
            }
            if (value[0] != i) {
                throw new IllegalStateException("round trip " + i + " came back as " + value[0]);
            }
        }
        double[] sorted = Arrays.copyOf(samples, samples.length);
        System.out.println(String.format(Locale.ROOT, "RESULT round_trips=%d p50_us=%.3f p99_us=%.3f", count,
                Stats.percentile(sorted, 50), Stats.percentile(sorted, 99)));
    }

    private static void put(RingBuffer ring, int value, IdleStrategy idle) {
        int at;
        while ((at = ring.tryClaim(MSG_TYPE, Integer.BYTES)) <= 0) {
            idle.idle(0);
        }
        ring.buffer().putInt(at, value);
        ring.commit(at);
        idle.reset();
    }
}
