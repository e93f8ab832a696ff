package org.jbilliard.reference.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.jbilliard.CodecException;
import org.jbilliard.Context;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.QueueClosedException;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.SimpleQueue;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.testing.SmallTmpfs;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input against the reference queues (BEHAVIOUR rows 7, 9, 13, 16, 18): each case asserts the
 * specific error at the call that caused it <em>and</em> that the queue is unchanged — what was in it
 * is still there, in order, and the queue keeps working.
 */
@Timeout(60)
class BadInputCatalogueTest {

    private static final Context CONTEXT = Context.load();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    // ---- items that cannot be sent ---------------------------------------------------------------

    @Test
    @DisplayName("B01 put(unserializable) throws CodecException naming the type; nothing enqueued")
    void unserializableItemAtPut() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            assertThatThrownBy(() -> q.put(new Object()))
                    .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.Object");
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B02 putNowait(unserializable) throws CodecException; nothing enqueued")
    void unserializableItemAtPutNowait() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            assertThatThrownBy(() -> q.putNowait(new Thread())).isInstanceOf(CodecException.class);
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B03 put(unserializable, timeout) on a full queue throws CodecException, not Full")
    void unserializableItemOnFullQueue() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(1))) {
            assertThatThrownBy(() -> q.put(new Object(), Duration.ofMillis(10))).isInstanceOf(CodecException.class);
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B04 JoinableQueue put(unserializable): unfinished-task count unchanged")
    void unserializableItemLeavesTaskCount() throws Exception {
        try (JoinableQueue<Object> q = CONTEXT.joinableQueue()) {
            assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(CodecException.class);
            assertThat(q.join(Duration.ZERO)).as("no unfinished task was counted").isTrue();
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    @DisplayName("B05 SimpleQueue put(unserializable) throws CodecException; nothing written")
    void unserializableItemInSimpleQueue() throws Exception {
        try (SimpleQueue<Object> q = CONTEXT.simpleQueue()) {
            q.put("sentinel");
            assertThatThrownBy(() -> q.put(new Object())).isInstanceOf(CodecException.class);
            assertThat(q.get()).isEqualTo("sentinel");
            assertThat(q.empty()).isTrue();
        }
    }

    @Test
    @DisplayName("B06 put of an item over maxItemBytes throws ItemTooLargeException with size and limit")
    void itemOverTheLimit() throws Exception {
        int limit = CONTEXT.maxItemBytes();
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3)); SimpleQueue<Object> s = CONTEXT.simpleQueue()) {
            byte[] tooLarge = new byte[limit + 1];
            assertThatThrownBy(() -> q.put(tooLarge))
                    .isInstanceOfSatisfying(ItemTooLargeException.class,
                            e -> assertThat(e.limit()).isEqualTo(limit))
                    .hasMessageContaining(Integer.toString(limit));
            assertThatThrownBy(() -> s.sendPayload(tooLarge)).isInstanceOf(ItemTooLargeException.class);
            assertUnchanged(q);
            assertThat(s.empty()).isTrue();
        }
    }

    @Test
    @DisplayName("B07 a codec that throws on encode: CodecException at put with the codec's exception as cause")
    void codecThrowsOnEncode() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3, new FaultyCodec()))) {
            assertThatThrownBy(() -> q.put(FaultyCodec.REFUSE_ENCODE))
                    .isInstanceOf(CodecException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B08 a codec that throws on decode: CodecException at get; that item consumed; the next intact")
    void codecThrowsOnDecode() throws Exception {
        try (Queue<Object> q = CONTEXT.queue(3, new FaultyCodec())) {
            q.put(FaultyCodec.REFUSE_DECODE);
            q.put("after");
            assertThatThrownBy(() -> q.get(WAIT)).isInstanceOf(CodecException.class);
            assertThat(q.get(WAIT)).isEqualTo("after");
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    @DisplayName("B09 a class missing from the reader's class path: CodecException carrying the payload")
    void classMissingOnTheReadingSide() throws Exception {
        Object alien = UnloadableClass.instance(work);
        try (Queue<Object> q = CONTEXT.queue(3)) {
            q.put(alien);
            q.put("after");
            assertThatThrownBy(() -> q.get(WAIT))
                    .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.payload()).isNotEmpty())
                    .hasMessageContaining("gone.Elsewhere");
            assertThat(q.get(WAIT)).isEqualTo("after");
        }
    }

    // ---- timeouts and sizes ----------------------------------------------------------------------

    @Test
    @DisplayName("B10 null timeouts are rejected with NullPointerException at the call")
    void nullTimeouts() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            assertThatThrownBy(() -> q.put("x", (Duration) null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> q.get((Duration) null)).isInstanceOf(NullPointerException.class);
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B11 negative timeouts: Full / Empty at once, an available item is still taken (row 4)")
    void negativeTimeouts() throws Exception {
        try (Queue<Object> q = CONTEXT.queue(1)) {
            assertThatThrownBy(() -> q.get(Duration.ofSeconds(-5))).isInstanceOf(Empty.class);
            q.put("one");
            assertThatThrownBy(() -> q.put("two", Duration.ofSeconds(-5))).isInstanceOf(Full.class);
            assertThat(q.get(Duration.ofSeconds(-5))).isEqualTo("one");
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    @DisplayName("B12 zero timeouts behave as the nowait forms")
    void zeroTimeouts() throws Exception {
        try (Queue<Object> q = CONTEXT.queue(1)) {
            assertThatThrownBy(() -> q.get(Duration.ZERO)).isInstanceOf(Empty.class);
            q.put("one", Duration.ZERO);
            assertThatThrownBy(() -> q.put("two", Duration.ZERO)).isInstanceOf(Full.class);
            assertThat(q.get(Duration.ZERO)).isEqualTo("one");
        }
    }

    @Test
    @DisplayName("B13 huge timeouts do not overflow: an available item or slot is taken at once")
    void hugeTimeouts() throws Exception {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE);
        try (Queue<Object> q = CONTEXT.queue(2)) {
            q.put("one", huge);
            assertThat(q.get(huge)).isEqualTo("one");
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    @DisplayName("B14 a huge get timeout still answers an interrupt")
    void hugeTimeoutIsInterruptible() throws Exception {
        try (Queue<Object> q = CONTEXT.queue(2)) {
            assertInterruptible(() -> q.get(Duration.ofSeconds(Long.MAX_VALUE)));
            q.put("after");
            assertThat(q.get(WAIT)).isEqualTo("after");
        }
    }

    @Test
    @DisplayName("B15 maxsize 0, negative and Integer.MIN_VALUE mean unbounded; Integer.MAX_VALUE is kept")
    void extremeMaxsizes() {
        for (int maxsize : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            try (Queue<Object> q = CONTEXT.queue(maxsize)) {
                assertThat(q.maxsize()).as("maxsize(%d)", maxsize).isEqualTo(Queue.UNBOUNDED);
                assertThat(q.full()).isFalse();
            }
        }
    }

    // ---- use after close -------------------------------------------------------------------------

    @Test
    @DisplayName("B16 every Queue operation after close() throws QueueClosedException")
    void queueAfterClose() throws Exception {
        try (Queue<Object> other = CONTEXT.queue(3)) {
            Queue<Object> q = CONTEXT.attachQueue(other.address());
            other.put("still there");
            q.close();
            q.close(); // idempotent
            assertThat(q.isClosed()).isTrue();
            List<Executable> operations = List.of(() -> q.put("x"), () -> q.put("x", WAIT), () -> q.putNowait("x"),
                    q::get, () -> q.get(WAIT), q::getNowait, q::qsize, q::empty, q::full);
            for (Executable operation : operations) {
                assertThatThrownBy(operation::execute).isInstanceOf(QueueClosedException.class)
                        .hasMessageContaining("closed");
            }
            assertThat(other.get(WAIT)).as("other handles are unaffected").isEqualTo("still there");
        }
    }

    @Test
    @DisplayName("B17 every JoinableQueue operation after close() throws QueueClosedException")
    void joinableAfterClose() {
        JoinableQueue<Object> q = CONTEXT.joinableQueue();
        q.close();
        for (Executable operation : List.<Executable>of(q::taskDone, q::join, () -> q.join(WAIT), () -> q.put("x"))) {
            assertThatThrownBy(operation::execute).isInstanceOf(QueueClosedException.class);
        }
    }

    @Test
    @DisplayName("B18 every SimpleQueue operation after close() throws QueueClosedException (row 16)")
    void simpleAfterClose() {
        SimpleQueue<Object> q = CONTEXT.simpleQueue();
        q.close();
        q.close();
        for (Executable operation : List.<Executable>of(q::get, () -> q.put("x"), q::empty, q::getPayload,
                () -> q.sendPayload(new byte[1]))) {
            assertThatThrownBy(operation::execute).isInstanceOf(QueueClosedException.class);
        }
    }

    @Test
    @DisplayName("B19 joinThread() before close() throws IllegalStateException (row 11)")
    void joinThreadBeforeClose() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            assertThatThrownBy(q::joinThread).isInstanceOf(IllegalStateException.class)
                    .isNotInstanceOf(QueueClosedException.class).hasMessageContaining("close");
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B20 taskDone() too often: IllegalStateException with billiard's message; count stays zero")
    void taskDoneTooOften() throws Exception {
        try (JoinableQueue<Object> q = CONTEXT.joinableQueue()) {
            q.put("a");
            q.get(WAIT);
            q.taskDone();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                    .hasMessage("task_done() called too many times");
            assertThat(q.join(Duration.ZERO)).isTrue();
            q.put("b");
            assertThat(q.join(Duration.ZERO)).as("the count went from 0 to 1, not from -1 to 0").isFalse();
            q.get(WAIT);
            q.taskDone();
            assertThat(q.join(Duration.ZERO)).isTrue();
        }
    }

    // ---- attaching -------------------------------------------------------------------------------

    @Test
    @DisplayName("B21 attaching to a missing queue throws IllegalArgumentException naming the address")
    void attachMissing() {
        String missing = work.resolve("jbilliard-q-no-such-queue").toString();
        assertThatThrownBy(() -> CONTEXT.attachQueue(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing);
        assertThatThrownBy(() -> CONTEXT.attachQueue("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CONTEXT.attachSimpleQueue("not a path \0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("B22 attaching with the wrong kind throws IllegalArgumentException; the queue is unharmed")
    void attachWrongKind() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            assertThatThrownBy(() -> CONTEXT.attachJoinableQueue(q.address()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Queue");
            assertThatThrownBy(() -> CONTEXT.attachSimpleQueue(q.address()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B23 attaching to a group/world-accessible queue directory is refused")
    void attachWorldWritable() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            Path dir = Path.of(q.address());
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            try {
                assertThatThrownBy(() -> CONTEXT.attachQueue(q.address()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
            } finally {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B24 attaching to a queue directory owned by another user is refused")
    void attachForeignOwner() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            Path dir = Path.of(q.address());
            UserPrincipal me = Files.getOwner(dir);
            UserPrincipal nobody;
            try {
                nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                Files.setOwner(dir, nobody);
            } catch (IOException e) {
                // Only a privileged user can give a directory away; otherwise the case cannot be staged.
                org.junit.jupiter.api.Assumptions.abort("cannot chown to nobody here: " + e);
                return;
            }
            try {
                assertThatThrownBy(() -> CONTEXT.attachQueue(q.address()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to uid");
            } finally {
                Files.setOwner(dir, me);
            }
            assertUnchanged(q);
        }
    }

    // ---- hostile bytes in the FIFO -----------------------------------------------------------------

    @Test
    @DisplayName("B25 garbage bytes written into the FIFO: QueueCorruptedException naming the bytes discarded and items lost (0); the next frame arrives")
    void garbageInFifo() throws Exception {
        hostileBytes(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
    }

    @Test
    @DisplayName("B26 a frame with the wrong magic is never decoded; the next frame arrives")
    void wrongMagic() throws Exception {
        byte[] frame = frame("forged".getBytes());
        frame[0] ^= 0x7f;
        hostileBytes(frame);
    }

    @Test
    @DisplayName("B27 a frame whose length field lies (a forged 2 GiB length) is never decoded, nothing huge allocated; the next frame arrives")
    void badLength() throws Exception {
        byte[] frame = frame("forged".getBytes());
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(4, Integer.MAX_VALUE);
        hostileBytes(frame);
    }

    @Test
    @DisplayName("B28 a frame with a bad checksum is never decoded; the next frame arrives")
    void badChecksum() throws Exception {
        byte[] frame = frame(new byte[] {10, 'f', 'o', 'r', 'g', 'e', 'd'});
        frame[frame.length - 1] ^= 1;
        hostileBytes(frame);
    }

    @Test
    @DisplayName("B29 a truncated frame is never decoded; the next frame arrives")
    void truncatedFrame() throws Exception {
        byte[] frame = frame(new byte[200]);
        hostileBytes(java.util.Arrays.copyOf(frame, 60));
    }

    // ---- interrupts --------------------------------------------------------------------------------

    @Test
    @DisplayName("B30 interrupt during put on a full queue: InterruptedException, nothing enqueued")
    void interruptDuringPut() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(1))) {
            assertInterruptible(() -> q.put("blocked"));
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B31 interrupt during put(timeout): InterruptedException, not Full; nothing enqueued")
    void interruptDuringTimedPut() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(1))) {
            assertInterruptible(() -> q.put("blocked", Duration.ofMinutes(5)));
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B32 interrupt during get: InterruptedException, nothing taken")
    void interruptDuringGet() throws Exception {
        try (Queue<Object> q = CONTEXT.queue(3)) {
            assertInterruptible(q::get);
            q.put("after");
            assertThat(q.get(WAIT)).isEqualTo("after");
        }
    }

    @Test
    @DisplayName("B33 interrupt during JoinableQueue.join: InterruptedException; the count is unchanged")
    void interruptDuringJoin() throws Exception {
        try (JoinableQueue<Object> q = CONTEXT.joinableQueue()) {
            q.put("task");
            assertInterruptible(q::join);
            assertInterruptible(() -> q.join(Duration.ofMinutes(5)));
            assertThat(q.join(Duration.ZERO)).isFalse();
            q.get(WAIT);
            q.taskDone();
            assertThat(q.join(WAIT)).isTrue();
        }
    }

    @Test
    @DisplayName("B34 interrupt during SimpleQueue.get and getPayload: InterruptedException, nothing taken")
    void interruptDuringSimpleGet() throws Exception {
        try (SimpleQueue<Object> q = CONTEXT.simpleQueue()) {
            assertInterruptible(q::get);
            assertInterruptible(q::getPayload);
            q.put("after");
            assertThat(q.get()).isEqualTo("after");
        }
    }

    // ---- pathological items and resources ------------------------------------------------------------

    @Test
    @DisplayName("B35 put(200 000-element linked list) throws CodecException, not StackOverflowError; nothing enqueued")
    void deeplyNestedItemAtPut() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
            assertThatThrownBy(() -> q.put(nested(200_000)))
                    .isInstanceOf(CodecException.class).hasMessageContaining("nested too deeply");
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B36 get of a payload that overflows the decoder throws CodecException with its bytes; later items arrive")
    void deeplyNestedPayloadAtGet() throws Exception {
        try (Queue<Object> q = CONTEXT.queue(3)) {
            putOnABigStack(q, nested(200_000));
            q.put("after");
            CodecException e = catchCodecException(() -> q.get(WAIT));
            assertThat(e).hasMessageContaining("nested too deeply");
            assertThat(e.payload()).isNotEmpty();
            assertThat(q.get(WAIT)).isEqualTo("after");
            assertThat(q.qsize()).isZero();
        }
    }

    @Test
    @DisplayName("B37 JoinableQueue: an undecodable item stays unfinished until taskDone() is called for it")
    void undecodableJoinableItemNeedsTaskDone() throws Exception {
        try (JoinableQueue<Object> q = CONTEXT.joinableQueue()) {
            putOnABigStack(q, nested(200_000));
            catchCodecException(() -> q.get(WAIT));
            assertThat(q.join(Duration.ofMillis(100))).as("join before taskDone for the undecodable item").isFalse();
            q.taskDone();
            assertThat(q.join(WAIT)).isTrue();
            assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @DisplayName("B38 creating a queue on a full file system: UncheckedIOException naming the directory and the bytes; nothing left")
    void queueOnAFullFileSystem() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mount(1L << 20)) {
            System.setProperty("jbilliard.queue.dir", tmpfs.path().toString());
            try {
                tmpfs.fillLeaving(4096);
                for (Executable create : List.<Executable>of(CONTEXT::queue, CONTEXT::joinableQueue, CONTEXT::simpleQueue)) {
                    assertThatThrownBy(create::execute).isInstanceOf(java.io.UncheckedIOException.class)
                            .hasMessageContaining(tmpfs.path().toString()).hasMessageContaining("bytes");
                }
                assertThat(tmpfs.entries()).isEmpty();
                tmpfs.drain();
                try (Queue<Object> q = withSentinel(CONTEXT.queue(3))) {
                    tmpfs.fillCompletely();
                    assertUnchanged(q);
                }
            } finally {
                System.clearProperty("jbilliard.queue.dir");
            }
        }
    }

    @Test
    @DisplayName("B39 3 000 handles of one queue received through a queue and never closed: one descriptor and one mapping of it; dropped, they are collected and the queue goes with them")
    void thousandsOfReceivedHandlesShareOneAttachment() throws Exception {
        try (Queue<Object> items = CONTEXT.queue()) {
            Queue<Object> target = withSentinel(CONTEXT.queue());
            String address = target.address();
            for (int i = 0; i < 3_000; i++) {
                items.put(target);
            }
            List<Object> received = new java.util.ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                received.add(items.get(WAIT));
            }
            assertThat(descriptorsOf(Path.of(address, "fifo"))).as("descriptors of its FIFO").isEqualTo(1);
            assertThat(mappingsOf(Path.of(address, "ctl"))).as("mappings of its control block").isEqualTo(1);
            @SuppressWarnings("unchecked")
            Queue<Object> one = (Queue<Object>) received.get(0);
            assertUnchanged(one);
            target.close();
            target.joinThread();
            one = null;
            received.clear();
            org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                System.gc();
                return !Files.exists(Path.of(address));
            });
            assertThat(descriptorsOf(Path.of(address, "fifo"))).isZero();
        }
    }

    @Test
    @DisplayName("B40 attaching while all 1 024 slots are held: IllegalStateException naming the pids that hold them; a handle received then is a CodecException saying the same; the queue is unchanged")
    void fullSlotTableNamesItsHolders() throws Exception {
        try (Queue<Object> q = withSentinel(CONTEXT.queue(3)); Queue<Object> items = CONTEXT.queue()) {
            long pid = ProcessHandle.current().pid();
            // The table of a queue 1 024 processes are attached to, staged with this JVM's identity.
            int staged = org.jbilliard.reference.queue.SlotTable.fillFreeSlots(q.address(),
                    org.jbilliard.reference.nativeio.ProcessIdentity.self());
            try {
                String serialized = q.address();
                assertThat(staged).isEqualTo(1023);
                // This process shares its attachment: it can make handles of q however many slots are held.
                try (Queue<Object> same = CONTEXT.attachQueue(serialized)) {
                    assertThat(same.qsize()).isEqualTo(1);
                }
                try (TaskProcess child = CONTEXT.process(() -> CONTEXT.attachQueue(serialized).qsize())) {
                    child.start();
                    assertThat(child.join(WAIT)).isTrue();
                    assertThat(child.failure()).isPresent();
                    assertThat(child.failure().get().remoteClassName()).isEqualTo(IllegalStateException.class.getName());
                    assertThat(child.failure().get()).hasMessageContaining("all 1024 slots")
                            .hasMessageContaining("pid " + pid + " (1024 slots)");
                }
                items.put(q);
                String itemsAddress = items.address();
                try (TaskProcess child = CONTEXT.process(() -> CONTEXT.attachQueue(itemsAddress).get(WAIT))) {
                    child.start();
                    assertThat(child.join(WAIT)).isTrue();
                    assertThat(child.failure()).isPresent();
                    assertThat(child.failure().get().remoteClassName()).isEqualTo(CodecException.class.getName());
                    assertThat(child.failure().get()).hasMessageContaining("all 1024 slots")
                            .hasMessageContaining("pid " + pid + " (1024 slots)");
                }
            } finally {
                org.jbilliard.reference.queue.SlotTable.clearStaged(q.address(),
                        org.jbilliard.reference.nativeio.ProcessIdentity.self(), staged);
            }
            assertUnchanged(q);
        }
    }

    @Test
    @DisplayName("B41 garbage of random sizes written into a live queue at random moments: at most one item lost per write, each loss reported, none corrupt, qsize exact")
    void garbageAtRandomMoments() throws Exception {
        org.jbilliard.reference.queue.GarbageRun.Outcome outcome =
                org.jbilliard.reference.queue.GarbageRun.run(41, 3_000, 30, 4096, 2000, 1_500);
        assertThat(outcome.corrupt()).as("%s", outcome).isZero();
        assertThat(outcome.delivered()).as("%s", outcome).isSorted().doesNotHaveDuplicates();
        assertThat(outcome.lost()).as("%s", outcome).isLessThanOrEqualTo(outcome.garbageWrites());
        assertThat(outcome.reportedLost()).as("%s", outcome).isEqualTo(outcome.lost());
        assertThat(outcome.qsizeAfter()).as("%s", outcome).isZero();
    }

    @Test
    @DisplayName("B42 closing one handle of a queue leaves the other handles of this process working; the queue goes with the last")
    void closingOneHandleLeavesTheOthers() throws Exception {
        Queue<Object> creator = withSentinel(CONTEXT.queue(3));
        Queue<Object> other = CONTEXT.attachQueue(creator.address());
        creator.close();
        creator.joinThread();
        assertThatThrownBy(() -> creator.put("x")).isInstanceOf(QueueClosedException.class);
        assertUnchanged(other);
        String address = other.address();
        other.close();
        other.joinThread();
        assertThat(Path.of(address)).doesNotExist();
    }

    private static long descriptorsOf(Path file) throws IOException {
        long n = 0;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    private static long mappingsOf(Path file) throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.endsWith(" " + file)).count();
        }
    }

    /** A chain of {@code depth} nested arrays: a linked list that Java serialization walks recursively. */
    private static Object nested(int depth) {
        Object[] head = new Object[1];
        Object[] cur = head;
        for (int i = 0; i < depth; i++) {
            Object[] next = new Object[1];
            cur[0] = next;
            cur = next;
        }
        return head;
    }

    /** Encodes on a thread with a 2 GiB stack, where the codec does not overflow. */
    private static void putOnABigStack(Queue<Object> q, Object item) throws Exception {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread t = new Thread(null, () -> {
            try {
                q.put(item);
                done.complete(null);
            } catch (Throwable e) {
                done.complete(e);
            }
        }, "big-stack-put", 2L << 30);
        t.start();
        assertThat(done.get(60, TimeUnit.SECONDS)).as("put on a big stack").isNull();
        t.join(10_000);
    }

    private static CodecException catchCodecException(Executable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call::execute);
        assertThat(t).isInstanceOf(CodecException.class);
        return (CodecException) t;
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static final String SENTINEL = "sentinel";

    /** Puts the sentinel item that {@link #assertUnchanged} expects to find. */
    private static <Q extends Queue<Object>> Q withSentinel(Q q) throws InterruptedException {
        q.put(SENTINEL);
        return q;
    }

    /** The queue holds exactly the sentinel, gives it back intact, and then still works. */
    private static void assertUnchanged(Queue<Object> q) throws Exception {
        assertThat(q.qsize()).as("qsize after the bad call").isEqualTo(1);
        assertThat(q.empty()).isFalse();
        assertThat(q.get(WAIT)).isEqualTo(SENTINEL);
        assertThat(q.empty()).isTrue();
        q.put("next");
        assertThat(q.get(WAIT)).isEqualTo("next");
        assertThat(q.qsize()).isZero();
    }

    /** Runs a blocking call on a thread, interrupts it, and expects InterruptedException promptly. */
    private static void assertInterruptible(Executable blockingCall) throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread thread = new Thread(() -> {
            started.countDown();
            try {
                blockingCall.execute();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "interrupt-target");
        thread.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        // The call may not have blocked yet; interrupting before it blocks must work too (the
        // interrupt status is seen on entry), so no wait for "blocked" is needed.
        thread.interrupt();
        Throwable thrown = outcome.get(10, TimeUnit.SECONDS);
        assertThat(thrown).as("the blocking call returned instead of throwing InterruptedException")
                .isInstanceOf(InterruptedException.class);
        thread.join(10_000);
    }

    /**
     * Writes hostile bytes straight into the queue's FIFO, as a process of the same user that is not a
     * participant could, between two legitimate items. The item before them arrives intact; the reader
     * that runs into the hostile bytes gets a QueueCorruptedException that says how many bytes were
     * discarded and how many items were lost (none: the bytes lie between two frames, and the reader
     * resynchronises at the next published frame boundary), never a corrupt item; the item behind them
     * arrives intact, the counts stay exact, and the queue works on.
     */
    private static void hostileBytes(byte[] bytes) throws Exception {
        try (Queue<Object> q = CONTEXT.queue(10)) {
            putAndFlush(q.address(), "before");
            writeRaw(Path.of(q.address(), "fifo"), bytes);
            putAndFlush(q.address(), "victim");
            assertThat(q.get(WAIT)).isEqualTo("before");
            assertThatThrownBy(() -> q.get(WAIT)).isInstanceOf(QueueCorruptedException.class)
                    .hasMessageContaining("discarded " + bytes.length + " bytes").hasMessageContaining("(0 items lost)");
            assertThat(q.qsize()).as("the frame behind the garbage is still counted").isEqualTo(1);
            assertThat(q.get(WAIT)).as("resynchronised at the next frame boundary").isEqualTo("victim");
            assertThat(q.empty()).isTrue();
            assertThatThrownBy(() -> q.get(Duration.ofMillis(50))).isInstanceOf(Empty.class);
            q.put("later");
            assertThat(q.get(WAIT)).isEqualTo("later");
        }
    }

    /** Puts through a second handle and waits for its feeder to flush, so the bytes are in the FIFO. */
    private static void putAndFlush(String address, Object item) throws InterruptedException {
        Queue<Object> writer = CONTEXT.attachQueue(address);
        writer.put(item);
        writer.close();
        writer.joinThread();
    }

    private static byte[] frame(byte[] payload) {
        byte[] frame = new byte[12 + payload.length];
        ByteBuffer buffer = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0x4A425146).putInt(payload.length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        buffer.putInt((int) crc.getValue());
        buffer.put(payload);
        return frame;
    }

    private static void writeRaw(Path fifo, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
            out.write(bytes);
        }
    }
}
