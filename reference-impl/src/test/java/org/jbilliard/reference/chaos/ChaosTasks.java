package org.jbilliard.reference.chaos;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
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
     * {@code put} has returned, then closes both handles, waits for the flush and logs {@code done}.
     */
    static Task producer(Queue<byte[]> queue, JoinableQueue<byte[]> joinable, String log, int producer,
                         int incarnation, int count, int largeEvery, int largeSize) {
        return () -> {
            try (FileOutputStream out = new FileOutputStream(log, true)) {
                for (int seq = 0; seq < count; seq++) {
                    int size = seq % largeEvery == largeEvery - 1 ? largeSize : 16 + seq % 200;
                    byte[] item = ChaosItem.create(producer, incarnation, seq, size);
                    if ((seq & 1) == 0) {
                        queue.put(item);
                    } else {
                        joinable.put(item);
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
     * Gets from both queues in turn with a timeout until it receives {@code null}; verifies and logs
     * every item ({@code got <key> q|j}), calls {@code taskDone} for the joinable queue's items after
     * logging them, and logs every {@code get} that threw {@link Empty} later than its timeout
     * ({@code late-empty <micros past the timeout>}).
     */
    static Task consumer(Queue<byte[]> queue, JoinableQueue<byte[]> joinable, String log, long timeoutMillis) {
        return () -> {
            Duration timeout = Duration.ofMillis(timeoutMillis);
            try (FileOutputStream out = new FileOutputStream(log, true)) {
                while (true) {
                    if (take(queue, false, timeout, out) || take(joinable, true, timeout, out)) {
                        line(out, "exit");
                        return;
                    }
                }
            }
        };
    }

    /** Returns whether the poison pill (null) was received. */
    private static boolean take(Queue<byte[]> queue, boolean joinable, Duration timeout, FileOutputStream out)
            throws InterruptedException, IOException {
        long start = System.nanoTime();
        byte[] item;
        try {
            item = queue.get(timeout);
        } catch (Empty e) {
            long overrunMicros = (System.nanoTime() - start - timeout.toNanos()) / 1_000;
            if (overrunMicros > 50_000) {
                line(out, "late-empty " + overrunMicros);
            }
            return false;
        } catch (QueueCorruptedException | CodecException e) {
            line(out, "corrupt " + e.getClass().getSimpleName() + " " + e.getMessage().replace('\n', ' '));
            return false;
        }
        if (item == null) {
            return true;
        }
        line(out, ChaosItem.intact(item) ? "got " + ChaosItem.key(item) + (joinable ? " j" : " q")
                : "corrupt item of " + item.length + " bytes");
        if (joinable) {
            ((JoinableQueue<byte[]>) queue).taskDone();
        }
        return false;
    }

    private static void line(FileOutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
