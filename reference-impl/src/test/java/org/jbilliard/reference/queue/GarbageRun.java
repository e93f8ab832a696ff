package org.jbilliard.reference.queue;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.reference.nativeio.LibC;

/**
 * One run of a live queue into whose FIFO a thread of this process, outside the queue protocol,
 * writes garbage: it opens the FIFO's path itself, as any process of the same user could, and writes
 * bytes of random sizes at random moments while a producer thread puts {@code items} items and a
 * consumer takes them. Every garbage {@code write(2)} that wrote something is counted: a pipe write
 * from a non-blocking descriptor lands in one piece, so each such write can displace at most one
 * frame.
 *
 * <p>Deterministic in what it writes and when (relative to the producer's progress) for a seed.
 * Confined to the calling thread apart from the producer and garbage threads it starts and joins.
 */
public final class GarbageRun {

    /** What the consumer saw. */
    public record Outcome(int put, List<Integer> delivered, int garbageWrites, long garbageBytes, int exceptions,
                   long reportedLost, int corrupt, int qsizeAfter, boolean emptyAfter, List<String> messages) {

        /** @return items put and never delivered */
        public int lost() {
            return put - delivered.size();
        }

        @Override
        public String toString() {
            return "put " + put + ", delivered " + delivered.size() + ", lost " + lost() + ", garbage writes "
                    + garbageWrites + " (" + garbageBytes + " bytes), QueueCorruptedExceptions " + exceptions
                    + " reporting " + reportedLost + " items lost, corrupt items " + corrupt + ", qsize after "
                    + qsizeAfter;
        }
    }

    private static final Pattern LOST = Pattern.compile("\\((\\d+) (?:further )?items? lost");

    private GarbageRun() {
    }

    /**
     * Runs once.
     *
     * @param seed         chooses garbage sizes, moments and item paddings
     * @param items        items the producer puts
     * @param garbage      garbage writes
     * @param maxGarbage   largest garbage write (bytes)
     * @param maxPad       largest item padding (0: all items have nearly the same length)
     */
    public static Outcome run(long seed, int items, int garbage, int maxGarbage, int maxPad) throws Exception {
        return run(seed, items, garbage, maxGarbage, maxPad, 0);
    }

    /**
     * Runs once, the consumer starting only once {@code lag} items were put: the FIFO is then full, so
     * the producer's writes are partial and garbage can land inside a frame.
     */
    public static Outcome run(long seed, int items, int garbage, int maxGarbage, int maxPad, int lag)
            throws Exception {
        Random random = new Random(seed);
        int[] moments = new int[garbage];
        for (int i = 0; i < garbage; i++) {
            moments[i] = random.nextInt(items);
        }
        Arrays.sort(moments);
        byte[][] chunks = new byte[garbage][];
        for (int i = 0; i < garbage; i++) {
            chunks[i] = new byte[1 + random.nextInt(maxGarbage)];
            random.nextBytes(chunks[i]);
        }
        int padSeed = random.nextInt();
        AtomicInteger produced = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean consuming = new java.util.concurrent.atomic.AtomicBoolean(lag == 0);
        CompletableFuture<long[]> writer = new CompletableFuture<>();
        Queue<Object> consumer = PipeQueues.create(0, new SerializingCodec());
        try {
            String address = consumer.address();
            CompletableFuture<Void> producer = new CompletableFuture<>();
            Thread producerThread = new Thread(() -> {
                try {
                    Queue<Object> q = PipeQueues.attach(address);
                    int due = 0;
                    for (int i = 0; i < items; i++) {
                        // Lets the garbage due by now be written before the next put, so that it lands
                        // among the frames rather than after them all; not while a lagging consumer has
                        // yet to start (a full FIFO holds the garbage back until it reads).
                        while (due < moments.length && moments[due] <= i) {
                            due++;
                        }
                        while (written.get() < due && consuming.get() && !writer.isDone()) {
                            LockSupport.parkNanos(10_000);
                        }
                        q.put(item(i, padSeed, maxPad));
                        produced.incrementAndGet();
                    }
                    q.close();
                    q.joinThread();
                    producer.complete(null);
                } catch (Throwable t) {
                    producer.completeExceptionally(t);
                }
            }, "garbage-run-producer");
            Thread garbageThread = new Thread(() -> {
                try {
                    writer.complete(writeGarbage(Path.of(address, QueueFiles.FIFO), moments, chunks, produced,
                            written, producer));
                } catch (Throwable t) {
                    writer.completeExceptionally(t);
                }
            }, "garbage-run-writer");
            producerThread.start();
            garbageThread.start();
            List<Integer> delivered = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            int exceptions = 0;
            long reportedLost = 0;
            int corrupt = 0;
            long deadline = System.nanoTime() + ChildJvm.scaled(Duration.ofSeconds(60)).toNanos();
            while (produced.get() < Math.min(lag, items) && !producer.isDone()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("producer did not put " + lag + " items in time");
                }
                LockSupport.parkNanos(100_000);
            }
            consuming.set(true);
            while (true) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("consumer did not finish in time; so far " + delivered.size()
                            + " delivered, qsize " + consumer.qsize());
                }
                try {
                    Object got = consumer.get(Duration.ofMillis(50));
                    Integer seq = parse(got, padSeed, maxPad);
                    if (seq == null) {
                        corrupt++;
                    } else {
                        delivered.add(seq);
                    }
                } catch (QueueCorruptedException e) {
                    exceptions++;
                    messages.add(e.getMessage());
                    Matcher m = LOST.matcher(e.getMessage());
                    if (m.find()) {
                        reportedLost += Long.parseLong(m.group(1));
                    }
                } catch (Empty e) {
                    if (producer.isDone() && writer.isDone() && consumer.qsize() == 0) {
                        break;
                    }
                }
            }
            producer.get(10, TimeUnit.SECONDS);
            long[] writes = writer.get(10, TimeUnit.SECONDS);
            producerThread.join(10_000);
            garbageThread.join(10_000);
            int qsizeAfter = consumer.qsize();
            boolean emptyAfter;
            try {
                consumer.getNowait();
                emptyAfter = false;
            } catch (Empty e) {
                emptyAfter = true;
            } catch (QueueCorruptedException e) {
                emptyAfter = false;
            }
            return new Outcome(items, delivered, (int) writes[0], writes[1], exceptions, reportedLost, corrupt,
                    qsizeAfter, emptyAfter, messages);
        } finally {
            consumer.close();
            consumer.joinThread();
        }
    }

    /**
     * Writes each chunk once the producer has put {@code moments[i]} items, from a descriptor of its
     * own, non-blocking: a write that finds the FIFO full is retried, and one that writes part of a
     * chunk counts as a write of its own.
     *
     * @return {successful writes, bytes written}
     */
    private static long[] writeGarbage(Path fifo, int[] moments, byte[][] chunks, AtomicInteger produced,
                                       AtomicInteger written, CompletableFuture<Void> producer) {
        int fd = LibC.open(fifo.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        long writes = 0;
        long bytes = 0;
        try {
            for (int i = 0; i < chunks.length; i++) {
                while (produced.get() < moments[i] && !producer.isDone()) {
                    LockSupport.parkNanos(20_000);
                }
                MemorySegment chunk = MemorySegment.ofArray(chunks[i]);
                long done = 0;
                while (done < chunks[i].length) {
                    long n = LibC.write(fd, chunk, done, chunks[i].length - done);
                    if (n > 0) {
                        done += n;
                        writes++;
                        bytes += n;
                    } else {
                        LockSupport.parkNanos(100_000);
                    }
                }
                written.incrementAndGet();
            }
        } finally {
            LibC.close(fd);
        }
        return new long[] {writes, bytes};
    }

    static String item(int seq, int padSeed, int maxPad) {
        return seq + ":" + "x".repeat(pad(seq, padSeed, maxPad));
    }

    private static int pad(int seq, int padSeed, int maxPad) {
        return maxPad == 0 ? 0 : Math.floorMod(seq * 31 + padSeed, maxPad + 1);
    }

    /** The sequence number of an intact item, or {@code null} for anything else. */
    private static Integer parse(Object got, int padSeed, int maxPad) {
        if (!(got instanceof String s)) {
            return null;
        }
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int seq = Integer.parseInt(s.substring(0, colon));
            return item(seq, padSeed, maxPad).equals(s) ? seq : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
