package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.QueueClosedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queue and JoinableQueue semantics within one process (several handles and threads). */
class PipeQueueTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    private <T extends AutoCloseable> T track(T q) {
        toClose.add(q);
        return q;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable q : toClose) {
            q.close();
        }
    }

    private Queue<Object> queue(int maxsize) {
        return track(PipeQueues.create(maxsize, new SerializingCodec()));
    }

    @Test
    void aNonPositiveMaxsizeMeansUnbounded() {
        assertThat(queue(0).maxsize()).isEqualTo(Queue.UNBOUNDED);
        assertThat(queue(-3).maxsize()).isEqualTo(Queue.UNBOUNDED);
        assertThat(queue(5).maxsize()).isEqualTo(5);
    }

    @Test
    void countsAgreeAtOnceAfterPutInEveryHandle() throws Exception {
        Queue<Object> q = queue(2);
        Queue<Object> other = track(PipeQueues.attach(q.address()));
        q.put("a");
        assertThat(other.qsize()).isEqualTo(1);
        assertThat(other.empty()).isFalse();
        assertThat(other.getNowait()).isEqualTo("a");
        q.put("b");
        q.put("c");
        assertThat(other.full()).isTrue();
        assertThat(q.qsize()).isEqualTo(2);
        assertThat(other.get(Duration.ZERO)).isEqualTo("b");
        assertThat(other.get(Duration.ofMillis(-5))).isEqualTo("c");
        assertThat(q.empty()).isTrue();
    }

    @Test
    void aFullQueueRejectsAtOnceOrAfterTheTimeoutNamingQueueAndBound() throws Exception {
        Queue<Object> q = queue(1);
        q.put(1);
        assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(Full.class)
                .hasMessageContaining(Path.of(q.address()).getFileName().toString()).hasMessageContaining("maxsize 1");
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.put(2, Duration.ofMillis(100))).isInstanceOf(Full.class)
                .hasMessageContaining("PT0.1S");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo(1);
    }

    @Test
    void anEmptyQueueRejectsAtOnceOrAfterTheTimeout() {
        Queue<Object> q = queue(0);
        assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class).hasMessageContaining("empty");
        long start = System.nanoTime();
        assertThatThrownBy(() -> q.get(Duration.ofMillis(100))).isInstanceOf(Empty.class)
                .hasMessageContaining("PT0.1S");
        long waited = System.nanoTime() - start;
        assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
        assertThatThrownBy(() -> q.get(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void itemsOfOneProducerArriveInOrderAndLargeItemsIntact() throws Exception {
        Queue<Object> q = queue(0);
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        q.put(big);
        for (int i = 0; i < 1000; i++) {
            assertThat(q.get()).isEqualTo(i);
        }
        assertThat((byte[]) q.get()).isEqualTo(big);
    }

    @Test
    void anUnencodableItemThrowsAtPutAndLeavesTheQueueUntouched() {
        JoinableQueue<Object> q = track(PipeQueues.createJoinable(0, new SerializingCodec()));
        assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(q.qsize()).isZero();
        assertThat(q.empty()).isTrue();
        assertThat(q.full()).isFalse();
    }

    @Test
    void anUndecodableItemIsConsumedAndItsBytesKept() throws Exception {
        Queue<Object> q = track(PipeQueues.create(0, new FailingDecodeCodec()));
        q.put("x");
        assertThatThrownBy(q::get).isInstanceOf(CodecException.class)
                .satisfies(e -> assertThat(((CodecException) e).payload()).isEqualTo(new byte[] {'x'}));
        assertThat(q.qsize()).isZero();
    }

    @Test
    void everyOperationOnAClosedHandleThrowsAndOtherHandlesCarryOn() throws Exception {
        JoinableQueue<Object> q = track(PipeQueues.createJoinable(0, new SerializingCodec()));
        JoinableQueue<Object> other = track(PipeQueues.attachJoinable(q.address()));
        q.close();
        q.close();
        assertThat(q.isClosed()).isTrue();
        assertThatThrownBy(() -> q.put(1)).isInstanceOf(QueueClosedException.class).hasMessageContaining("put");
        assertThatThrownBy(() -> q.put(1, Duration.ZERO)).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(() -> q.putNowait(1)).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::get).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::getNowait).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::qsize).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::empty).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::full).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::taskDone).isInstanceOf(QueueClosedException.class);
        assertThatThrownBy(q::join).isInstanceOf(QueueClosedException.class);
        other.put("still");
        assertThat(other.get()).isEqualTo("still");
    }

    @Test
    void joinThreadNeedsCloseAndWaitsForTheFlush() throws Exception {
        Queue<Object> q = queue(0);
        Queue<Object> reader = track(PipeQueues.attach(q.address()));
        assertThatThrownBy(q::joinThread).isInstanceOf(IllegalStateException.class).hasMessageContaining("close()");
        for (int i = 0; i < 100; i++) {
            q.put(i);
        }
        q.close();
        q.joinThread();
        for (int i = 0; i < 100; i++) {
            assertThat(reader.getNowait()).isEqualTo(i);
        }
    }

    @Test
    void anInterruptedGetThrowsAndTakesNothing() throws Exception {
        Queue<Object> q = queue(0);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread getter = Thread.ofPlatform().start(() -> {
            started.countDown();
            try {
                q.get();
            } catch (Throwable t) {
                outcome.set(t);
                if (Thread.currentThread().isInterrupted()) {
                    outcome.set(new AssertionError("interrupt status not cleared"));
                }
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        getter.interrupt();
        getter.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(getter.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        q.put("kept");
        assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("kept");
    }

    @Test
    void aBlockingCallEnteredWithTheInterruptStatusSetThrowsAndChangesNothing() throws Exception {
        JoinableQueue<Object> q = track(PipeQueues.createJoinable(0, new SerializingCodec()));
        q.put("item");
        Thread.currentThread().interrupt();
        assertThatThrownBy(q::get).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt status cleared").isFalse();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> q.put("other")).isInstanceOf(InterruptedException.class);
        Thread.currentThread().interrupt();
        assertThatThrownBy(q::join).isInstanceOf(InterruptedException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.getNowait()).isEqualTo("item");
    }

    @Test
    void anInterruptedPutOnAFullQueueThrowsAndEnqueuesNothing() throws Exception {
        JoinableQueue<Object> q = track(PipeQueues.createJoinable(1, new SerializingCodec()));
        q.put("first");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread putter = Thread.ofPlatform().start(() -> {
            try {
                q.put("second");
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        putter.interrupt();
        putter.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(q.qsize()).isEqualTo(1);
        assertThat(q.get()).isEqualTo("first");
        q.taskDone();
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @Test
    void taskDoneTooOftenFailsAndJoinWaitsForEveryTask() throws Exception {
        JoinableQueue<Object> q = track(PipeQueues.createJoinable(0, new SerializingCodec()));
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                .hasMessage("task_done() called too many times");
        q.put(1);
        q.put(2);
        assertThat(q.join(Duration.ofMillis(50))).isFalse();
        q.get();
        q.get();
        q.taskDone();
        assertThat(q.join(Duration.ZERO)).isFalse();
        Thread finisher = Thread.ofPlatform().start(q::taskDone);
        q.join();
        finisher.join(10_000);
        assertThat(q.join(Duration.ZERO)).isTrue();
    }

    @Test
    void severalThreadsExchangeEveryItemExactlyOnce() throws Exception {
        Queue<Object> q = queue(16);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        q.put(id + ":" + i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            consumers.add(Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Object item = q.get(Duration.ofSeconds(2));
                        if (!seen.add((String) item)) {
                            throw new AssertionError("duplicate " + item);
                        }
                    }
                } catch (Empty e) {
                    // done
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        for (Thread t : consumers) {
            t.join(60_000);
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(seen).hasSize(8000);
    }

    @Test
    void aSerializedHandleAttachesToTheSameQueue() throws Exception {
        Queue<Object> q = queue(0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(q);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }
        @SuppressWarnings("unchecked")
        Queue<Object> attached = track((Queue<Object>) copy);
        assertThat(attached).isNotSameAs(q);
        assertThat(attached.address()).isEqualTo(q.address());
        attached.put("via copy");
        assertThat(q.get()).isEqualTo("via copy");
    }

    @Test
    void theFilesArePrivateAndDisappearWithTheLastHandle() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        Queue<Object> other = PipeQueues.attach(q.address());
        Path dir = Path.of(q.address());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        for (String f : new String[] {"ctl", "fifo", "codec"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
                    .isEqualTo("rw-------");
        }
        q.close();
        assertThat(dir).exists();
        other.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void attachingRefusesMissingForeignKindAndExposedQueues() throws Exception {
        Queue<Object> q = queue(0);
        assertThatThrownBy(() -> PipeQueues.attach(q.address() + "-missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no queue");
        assertThatThrownBy(() -> PipeQueues.attach("/etc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a jbilliard queue");
        assertThatThrownBy(() -> PipeQueues.attachSimple(q.address())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a Queue, not a SimpleQueue");
        assertThatThrownBy(() -> PipeQueues.attachJoinable(q.address()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JoinableQueue");
        Path dir = Path.of(q.address());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            assertThatThrownBy(() -> PipeQueues.attach(q.address())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("accessible to group or others");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Files.setPosixFilePermissions(dir.resolve("ctl"), PosixFilePermissions.fromString("rw-rw----"));
        try {
            assertThatThrownBy(() -> PipeQueues.attach(q.address())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ctl");
        } finally {
            Files.setPosixFilePermissions(dir.resolve("ctl"), PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void bytesWrittenIntoTheFifoByAnOutsiderAreReportedAndTheQueueRecovers() throws Exception {
        Queue<Object> q = queue(0);
        int fd = org.jbilliard.reference.nativeio.LibC.open(Path.of(q.address(), "fifo").toString(),
                org.jbilliard.reference.nativeio.LibC.O_RDWR | org.jbilliard.reference.nativeio.LibC.O_NONBLOCK, 0);
        try {
            byte[] garbage = "GARBAGE!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            org.jbilliard.reference.nativeio.LibC.write(fd, java.lang.foreign.MemorySegment.ofArray(garbage), 0,
                    garbage.length);
        } finally {
            org.jbilliard.reference.nativeio.LibC.close(fd);
        }
        q.put("victim");
        assertThatThrownBy(() -> q.get(Duration.ofSeconds(5)))
                .isInstanceOf(org.jbilliard.QueueCorruptedException.class).hasMessageContaining("discarded 8 bytes")
                .hasMessageContaining("(0 items lost)");
        assertThat(q.qsize()).as("the frame behind the garbage is intact").isEqualTo(1);
        assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("victim");
        assertThat(q.qsize()).isZero();
        q.put("next");
        assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("next");
    }

    @Test
    void openAndCloseCyclesLeakNoDescriptorsOrFiles() throws Exception {
        Path root = QueueFiles.root();
        long dirsBefore = countQueueDirs(root);
        for (int i = 0; i < 5; i++) {
            Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
            q.put(i);
            q.get();
            q.close();
            q.joinThread();
        }
        long fdsBefore = countFds();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
            dirs.add(Path.of(q.address()));
            q.put(i);
            assertThat(q.get()).isEqualTo(i);
            q.close();
            q.joinThread();
        }
        assertThat(countFds()).isLessThanOrEqualTo(fdsBefore);
        // NOTE: every directory of these queues is gone; the count of this JVM's queue directories
        // may also fall meanwhile (another test's unreachable queue released by its cleaner), never rise.
        assertThat(dirs).allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(countQueueDirs(root)).isLessThanOrEqualTo(dirsBefore);
    }

    private static long countFds() throws Exception {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static long countQueueDirs(Path root) throws Exception {
        try (var s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith(QueueFiles.PREFIX)
                    && p.getFileName().toString().contains("-" + ProcessHandle.current().pid() + "-")).count();
        }
    }

    /** Encodes strings as bytes, and refuses to decode. */
    static final class FailingDecodeCodec implements Codec {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] encode(Object item) {
            return ((String) item).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public Object decode(byte[] bytes, int offset, int length) {
            throw new IllegalStateException("no decoder here");
        }
    }
}
