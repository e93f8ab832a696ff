package org.jbilliard.reference.chaos;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.Task;

/**
 * The bodies of chaos participants. Each appends one line per event to its own log file with an
 * unbuffered write, so a SIGKILL loses at most the event it interrupted: the log is the ground truth
 * the {@link ChaosLedger} judges from.
 */
final class ChaosTasks {

    private ChaosTasks() {
    }

    /**
     * Puts {@code count} items, alternating between the two queues, logging {@code put <key>} once each
     * put has returned, then closes both handles, waits for the flush and logs {@code done}. Every put
     * is bounded: {@code put(t)} with the consumers' timeout, and every eighth item {@code putNowait()}
     * first; a put that threw {@code Full} did not enqueue the item and is retried with {@code put(t)}.
     * Each bounded call is logged ({@code call ...}, see {@link #call}).
     */
    static Task producer(Queue<byte[]> queue, JoinableQueue<byte[]> joinable, String log, int producer,
                         int incarnation, int count, int largeEvery, int largeSize, long timeoutMillis) {
        return () -> {
            Duration timeout = Duration.ofMillis(timeoutMillis);
            try (FileOutputStream out = new FileOutputStream(log, true)) {
                for (int seq = 0; seq < count; seq++) {
                    int size = seq % largeEvery == largeEvery - 1 ? largeSize : 16 + seq % 200;
                    byte[] item = ChaosItem.create(producer, incarnation, seq, size);
                    Queue<byte[]> target = (seq & 1) == 0 ? queue : joinable;
                    boolean nowait = seq % 8 == 3;
                    while (true) {
                        long start = System.nanoTime();
                        try {
                            if (nowait) {
                                target.putNowait(item);
                            } else {
                                target.put(item, timeout);
                            }
                            call(out, nowait ? "putNowait" : "put", nowait ? Duration.ZERO : timeout, start, "ok");
                            break;
                        } catch (Full e) {
                            call(out, nowait ? "putNowait" : "put", nowait ? Duration.ZERO : timeout, start, "full");
                            nowait = false;
                        }
                    }
                    line(out, "put " + ChaosItem.key(item));
                }
                queue.close();
                joinable.close();
                queue.joinThread();
                joinable.joinThread();
                line(out, "done");
            }
        };
    }

    /**
     * Gets from both queues in turn until it receives {@code null} — {@code get(timeout)}, and every
     * fourth call {@code getNowait()}; verifies and logs every item ({@code got <key> q|j} followed by
     * the call's timing, see {@link #call}), calls {@code taskDone} for the joinable queue's items after
     * logging them, and logs every call that took no item ({@code call ... empty|corrupt}).
     */
    static Task consumer(Queue<byte[]> queue, JoinableQueue<byte[]> joinable, String log, long timeoutMillis) {
        return () -> {
            Duration timeout = Duration.ofMillis(timeoutMillis);
            int[] calls = {0};
            try (FileOutputStream out = new FileOutputStream(log, true)) {
                while (true) {
                    if (take(queue, false, timeout, out, calls) || take(joinable, true, timeout, out, calls)) {
                        line(out, "exit");
                        return;
                    }
                }
            }
        };
    }

    /** Returns whether the poison pill (null) was received. */
    private static boolean take(Queue<byte[]> queue, boolean joinable, Duration timeout, FileOutputStream out,
                                int[] calls) throws InterruptedException, IOException {
        boolean nowait = calls[0]++ % 4 == 3;
        String op = nowait ? "getNowait" : "get";
        Duration bound = nowait ? Duration.ZERO : timeout;
        long start = System.nanoTime();
        byte[] item;
        try {
            item = nowait ? queue.getNowait() : queue.get(timeout);
        } catch (Empty e) {
            call(out, op, bound, start, "empty");
            return false;
        } catch (QueueCorruptedException | CodecException e) {
            call(out, op, bound, start, "corrupt");
            line(out, "corrupt " + e.getClass().getSimpleName() + " " + e.getMessage().replace('\n', ' '));
            return false;
        }
        String timing = timing(op, bound, start);
        if (item == null) {
            line(out, "call " + timing + " item");
            return true;
        }
        // NOTE: one write for the item and its call, so a kill does not widen the window in which a
        // consumer holds an item its log does not show.
        line(out, ChaosItem.intact(item) ? "got " + ChaosItem.key(item) + (joinable ? " j " : " q ") + timing
                : "corrupt item of " + item.length + " bytes");
        if (joinable) {
            ((JoinableQueue<byte[]>) queue).taskDone();
        }
        return false;
    }

    /**
     * Logs one bounded call: {@code call <op> <timeout µs> <start nanoTime> <elapsed µs> <outcome>}.
     * {@link System#nanoTime()} is the machine's monotonic clock in every JVM here, so the judge can
     * compare the call's interval with the moments the runner stopped this process.
     */
    private static void call(FileOutputStream out, String op, Duration timeout, long start, String outcome)
            throws IOException {
        line(out, "call " + timing(op, timeout, start) + " " + outcome);
    }

    private static String timing(String op, Duration timeout, long start) {
        return op + " " + timeout.toNanos() / 1_000 + " " + start + " " + (System.nanoTime() - start) / 1_000;
    }

    private static void line(FileOutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
