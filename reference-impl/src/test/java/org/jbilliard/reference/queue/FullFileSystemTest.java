package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.reference.codec.StandardCodec;
import org.jbilliard.reference.testing.SmallTmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Queues on a file system that is full, for real: a small tmpfs mounted by the test (as root; CI runs
 * as root, elsewhere the test is skipped saying so) and chosen with {@value QueueFiles#DIRECTORY_PROPERTY}.
 * Creation where the space is missing fails with a clear error and leaves nothing; a queue that
 * exists when the file system fills keeps working, and its {@code close()} returns.
 *
 * <p>If this fails, check that {@link QueueFiles#createReserved} still reserves the control block's
 * whole size ({@code posix_fallocate}): a sparse control block faults (InternalError, EFAULT from
 * {@code read} into the read stage) once its pages cannot be backed.
 */
@Timeout(120)
class FullFileSystemTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long PAGE = 4096;

    private SmallTmpfs tmpfs;

    @BeforeEach
    void mount() throws Exception {
        tmpfs = SmallTmpfs.mount(2L << 20);
        System.setProperty(QueueFiles.DIRECTORY_PROPERTY, tmpfs.path().toString());
    }

    @AfterEach
    void unmount() throws Exception {
        System.clearProperty(QueueFiles.DIRECTORY_PROPERTY);
        if (tmpfs != null) {
            tmpfs.close();
        }
    }

    @Test
    void creationWhereTheSpaceIsMissingFailsNamingTheDirectoryAndTheSpaceAndLeavesNothing() throws Exception {
        List<Supplier<AutoCloseable>> kinds = List.of(
                () -> PipeQueues.create(0, new StandardCodec()),
                () -> PipeQueues.createJoinable(0, new StandardCodec()),
                () -> PipeQueues.createSimple(new StandardCodec()));
        // Too little for the control block; then exactly the control block but no page for the codec.
        for (long leave : new long[] {0, PAGE, ControlBlockLayout.SIZE - PAGE, ControlBlockLayout.SIZE}) {
            tmpfs.fillLeaving(leave);
            for (Supplier<AutoCloseable> kind : kinds) {
                assertThatThrownBy(kind::get).as("creation with %s bytes free", leave)
                        .isExactlyInstanceOf(UncheckedIOException.class)
                        .hasMessageContaining(tmpfs.path().toString())
                        .hasMessageContaining("needs " + (ControlBlockLayout.SIZE + PAGE) + " bytes")
                        .hasMessageContaining("has " + leave + " bytes free")
                        .hasMessageContaining(QueueFiles.DIRECTORY_PROPERTY);
                assertThat(tmpfs.entries()).as("left behind by a failed creation (%s bytes free)", leave).isEmpty();
                assertThat(tmpfs.free()).as("space given back").isEqualTo(leave);
            }
            tmpfs.drain();
        }
        try (Queue<Object> q = PipeQueues.create(0, new StandardCodec())) {
            assertThat(q.address()).as("with the space there, creation works").startsWith(tmpfs.path().toString());
            q.put("ok");
            assertThat(q.get(WAIT)).isEqualTo("ok");
        }
    }

    @Test
    void creationReservesTheControlBlocksWholeSpace() throws Exception {
        long before = tmpfs.free();
        Queue<Object> q = PipeQueues.create(0, new StandardCodec());
        assertThat(before - tmpfs.free()).as("bytes taken by a new queue (control block + one codec page)")
                .isEqualTo(ControlBlockLayout.SIZE + PAGE);
        q.put("x");
        assertThat(q.get(WAIT)).isEqualTo("x");
        q.close();
        q.joinThread();
        assertThat(tmpfs.free()).as("all given back at close").isEqualTo(before);
    }

    @Test
    void aFileSystemThatFillsAfterCreationLeavesRunningQueuesUndisturbed() throws Exception {
        Queue<Object> queue = PipeQueues.create(64, new StandardCodec());
        JoinableQueue<Object> joinable = PipeQueues.createJoinable(0, new StandardCodec());
        SimpleQueue<Object> simple = PipeQueues.createSimple(new StandardCodec());
        queue.put("before");
        long filled = tmpfs.fillCompletely();
        assertThat(filled).isPositive();
        assertThat(tmpfs.free()).isZero();

        // A second handle attaches (maps the full file system's control block) and produces.
        Queue<Object> producer = PipeQueues.attach(queue.address());
        int count = 400;
        CompletableFuture<Void> produced = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < count; i++) {
                    producer.put(item(i));
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(queue.get(WAIT)).isEqualTo("before");
        for (int i = 0; i < count; i++) {
            Object got = queue.get(WAIT);
            assertThat(got).as("item %s", i).isInstanceOf(byte[].class);
            assertThat((byte[]) got).as("item %s intact", i).isEqualTo(item(i));
        }
        produced.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(queue.qsize()).isZero();
        assertThat(queue.empty()).isTrue();

        joinable.put("task");
        assertThat(joinable.get(WAIT)).isEqualTo("task");
        joinable.taskDone();
        assertThat(joinable.join(WAIT)).isTrue();

        simple.put("simple");
        assertThat(simple.get()).isEqualTo("simple");

        List<AutoCloseable> all = new ArrayList<>(List.of(producer, queue, joinable, simple));
        assertTimeoutPreemptively(WAIT, () -> {
            for (AutoCloseable c : all) {
                c.close();
            }
            producer.joinThread();
            queue.joinThread();
            joinable.joinThread();
        }, "close() and joinThread() on a full file system");
        assertThat(tmpfs.entries()).as("queue directories left on the full file system").isEmpty();
    }

    /** Items of mixed sizes: small ones, and every 50th larger than the read stage (256 KiB). */
    private static byte[] item(int i) {
        byte[] b = new byte[i % 50 == 49 ? ControlBlockLayout.STAGE_SIZE + 1000 : 10 + i % 5000];
        Arrays.fill(b, (byte) i);
        return b;
    }
}
