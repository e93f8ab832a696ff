package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.reference.queue.ChildStates.awaitState;
import static org.jbilliard.reference.queue.ChildStates.fifoFull;
import static org.jbilliard.reference.queue.ChildStates.writerInsideFrame;

import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.QueueCorruptedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resynchronisation after a corrupt frame keeps the caller's deadline when the writer it needs
 * is not running (BEHAVIOUR rows 6 and 19): the frame scan that waits for a writer's next bytes, and
 * the drop of everything unread that waits for a writer's write lock, both end at the deadline with
 * {@code Empty}; the work is <em>owed</em> ({@link ControlBlockLayout#R_RESYNC_OFFSET}) and a later
 * {@code get} finishes it and throws the {@link QueueCorruptedException} that says what was lost,
 * with {@code qsize()} exact. The writers are real child JVMs, stopped with SIGSTOP.
 */
class OwedResyncTest {

    /** The promise for a call that may not wait, and for a timed call past its timeout. */
    private static final Duration SLACK = ChildJvm.scaled(Duration.ofMillis(50));
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration GIVE_UP = ChildJvm.scaled(Duration.ofSeconds(10));
    private static final Pattern LOST = Pattern.compile("\\((\\d+) items? lost\\)");

    @TempDir
    Path work;

    private final ExecutorService caller = Executors.newSingleThreadExecutor(r -> new Thread(r, "bounded-call"));
    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void reap() throws InterruptedException {
        for (ChildJvm child : children) {
            if (child.isAlive()) {
                StoppedProcess.resume(child.pid());
            }
            child.close();
        }
        caller.shutdownNow();
        assertThat(caller.awaitTermination(GIVE_UP.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    @Test
    @Timeout(120)
    void aFrameScanWaitingForAStoppedWritersBytesEndsAtTheDeadlineAndALaterGetFinishesIt() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ControlBlockView cb = ControlBlockView.of(q.address())) {
            // 3000 foreign bytes (one write, kept whole by the pipe), then a frame of about 5 000
            // bytes whose writer stops after its first 4096: the reader's view of the frame is
            // complete (garbage + 4096 bytes) and fails its checks; the scan finds its header behind
            // the garbage and needs its last bytes, which the stopped writer has not written.
            writeGarbage(q.address(), 3000);
            ChildJvm writer = child("writer-mid-frame", ChildRole.class, "produce", "queue", q.address(), "w", "1", "5000");
            writer.awaitPaused(Duration.ofSeconds(60));
            StoppedProcess.stop(writer.pid());
            assertThat(q.qsize()).isEqualTo(1);

            assertThat(call("getNowait() while the scan waits for a stopped writer", Duration.ZERO, q::getNowait))
                    .isInstanceOf(Empty.class);
            assertThat(cb.resyncOwed()).as("a frame scan is owed: " + cb.describe()).isPositive();
            assertThat(call("get(" + TIMEOUT.toMillis() + " ms) while the owed scan waits for a stopped writer",
                    TIMEOUT, () -> q.get(TIMEOUT))).isInstanceOf(Empty.class);
            assertThat(cb.resyncOwed()).as("still owed: " + cb.describe()).isPositive();
            assertThat(q.qsize()).as("the stopped writer's item is counted").isEqualTo(1);

            writer.kill();
            Throwable finished = call("the get that finishes the owed scan", Duration.ofSeconds(5),
                    () -> q.get(ChildJvm.scaled(Duration.ofSeconds(5))));
            assertThat(finished).isInstanceOf(QueueCorruptedException.class);
            assertThat(lost(finished)).as("the killed writer's item: " + finished.getMessage()).isEqualTo(1);
            assertThat(cb.resyncOwed()).as("nothing owed any more: " + cb.describe()).isZero();
            assertThat(q.qsize()).isZero();
            q.put("after");
            assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(10)))).isEqualTo("after");
            assertThat(q.empty()).isTrue();
        } finally {
            q.close();
        }
    }

    @Test
    @Timeout(120)
    void aDropWaitingForAStoppedWritersWriteLockEndsAtTheDeadlineAndALaterGetFinishesIt() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        int small = 3;
        int big = 4 << 20;
        try (ControlBlockView cb = ControlBlockView.of(q.address());
             Arena arena = Arena.ofShared();
             FileChannel fc = FileChannel.open(Path.of(q.address(), QueueFiles.CONTROL), StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            ControlBlock shared = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0, ControlBlockLayout.SIZE,
                    arena));
            ChildJvm writer = child(null, StoppableParticipant.class, "produce-big", q.address(), Integer.toString(big),
                    Integer.toString(small));
            awaitState(cb, writer, "the writer holding the write lock half-way through its big frame, FIFO full",
                    () -> writer.stdout().contains("PUT") && writerInsideFrame(cb, writer, 0, big) && fifoFull(cb));
            StoppedProcess.stop(writer.pid());
            // What a reader leaves when the deadline ends its drop after a corrupt frame (the drop
            // that waits for the write lock; its cause, a frame failing its checks, is
            // GarbageInTheFifoTest's subject).
            shared.setLong(ControlBlockLayout.R_RESYNC_OFFSET, -1);

            assertThat(call("getNowait() while the owed drop waits for a stopped writer's lock", Duration.ZERO,
                    q::getNowait)).isInstanceOf(Empty.class);
            assertThat(call("get(" + TIMEOUT.toMillis() + " ms) while the owed drop waits for a stopped writer's lock",
                    TIMEOUT, () -> q.get(TIMEOUT))).isInstanceOf(Empty.class);
            assertThat(cb.resyncOwed()).as("the drop is still owed, the FIFO drained: " + cb.describe())
                    .isLessThan(-1);
            assertThat(cb.writeLockPid()).isEqualTo((int) writer.pid());

            StoppedProcess.resume(writer.pid());
            Throwable finished = call("the get that finishes the owed drop", Duration.ofSeconds(30),
                    () -> q.get(ChildJvm.scaled(Duration.ofSeconds(30))));
            assertThat(finished).isInstanceOf(QueueCorruptedException.class);
            int lost = lost(finished);
            assertThat(lost).as("the big item at least: " + finished.getMessage()).isBetween(1, 1 + small);
            assertThat(cb.resyncOwed()).isZero();
            List<String> delivered = new ArrayList<>();
            writer.awaitSuccess(Duration.ofSeconds(60));
            for (int i = lost; i < 1 + small; i++) {
                delivered.add(StoppableParticipant.describe(q.get(ChildJvm.scaled(Duration.ofSeconds(10)))));
            }
            assertThat(delivered).as("the items published after the drop, each once")
                    .doesNotHaveDuplicates().allMatch(s -> s.startsWith("P:"));
            assertThat(q.qsize()).as("lost + delivered account for every item").isZero();
            assertThat(call("getNowait() on the drained queue", Duration.ZERO, q::getNowait))
                    .isInstanceOf(Empty.class);
        } finally {
            q.close();
        }
    }

    private ChildJvm child(String pausePoint, Class<?> main, String... args) {
        ChildJvm child = ChildJvm.start(work, pausePoint, main, args);
        children.add(child);
        return child;
    }

    private static int lost(Throwable e) {
        Matcher m = LOST.matcher(e.getMessage());
        assertThat(m.find()).as("says how many items were lost: " + e.getMessage()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static void writeGarbage(String address, int bytes) throws IOException {
        byte[] garbage = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            garbage[i] = (byte) (i * 7 + 1);
        }
        try (FileOutputStream fifo = new FileOutputStream(Path.of(address, QueueFiles.FIFO).toFile())) {
            fifo.write(garbage);
        }
    }

    /**
     * Runs {@code body} on the helper thread and checks that it ended within {@code timeout} +
     * {@link #SLACK}.
     *
     * @return what it threw, or {@code null} if it returned
     */
    private Throwable call(String what, Duration timeout, Callable<Object> body) throws InterruptedException {
        Duration bound = timeout.plus(SLACK);
        long start = System.nanoTime();
        Future<Throwable> future = caller.submit(() -> {
            try {
                body.call();
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Throwable thrown;
        try {
            thrown = future.get(bound.plus(GIVE_UP).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " must end within " + bound.toMillis() + " ms; still blocked after "
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e.getCause());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as(what + " ended with " + thrown + " after " + took.toMillis() + " ms; bound "
                + bound.toMillis() + " ms").isLessThanOrEqualTo(bound);
        return thrown;
    }
}
