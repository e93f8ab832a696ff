package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jbilliard.QueueClosedException;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One attachment per queue per process (issue 12, part 2; BEHAVIOUR "Handles of one queue in one
 * process"): handles created, attached or received through a queue share it and count references;
 * closing one leaves the others working; dropped handles are collected and give their reference
 * back (after their feeder flushed); the slot table holds one slot per process, and its limit names
 * the processes holding the slots.
 */
@Timeout(180)
class SharedAttachmentTest {

    private static final Duration WAIT = ChildJvm.scaled(Duration.ofSeconds(60));
    private static final long ME = ProcessHandle.current().pid();

    @TempDir
    Path work;

    @Test
    void handlesOfOneQueueShareOneSlotAndClosingOneLeavesTheOthersWorking() throws Exception {
        Queue<Object> creator = PipeQueues.create(0, new SerializingCodec());
        PipeChannel channel = ((PipeHandle) creator).channel;
        Queue<Object> a = PipeQueues.attach(creator.address());
        Queue<Object> b = PipeQueues.attach(creator.address() + "/");
        assertThat(((PipeHandle) a).channel).isSameAs(channel);
        assertThat(((PipeHandle) b).channel).as("another spelling of the address").isSameAs(channel);
        assertThat(HandleRegistry.references(channel)).isEqualTo(3);
        assertThat(SlotTable.slotsByPid(creator.address())).containsExactly(Map.entry(ME, 1));

        a.put("from a");
        a.close();
        a.joinThread();
        assertThatThrownBy(() -> a.put("x")).isInstanceOf(QueueClosedException.class);
        assertThat(b.get(WAIT)).as("the item a flushed before it was released").isEqualTo("from a");
        creator.close();
        creator.joinThread();
        assertThat(Path.of(b.address())).as("the queue outlives its creator's handle").isDirectory();
        b.put("b still works");
        assertThat(b.get(WAIT)).isEqualTo("b still works");
        assertThat(HandleRegistry.references(channel)).isEqualTo(1);
        b.close();
        b.joinThread();
        assertThat(HandleRegistry.references(channel)).isZero();
        assertThat(Path.of(creator.address())).as("deleted with the last handle").doesNotExist();
    }

    @Test
    void droppedHandlesAreCollectedAndAFeederFlushesBeforeItsHandleIsReleased() throws Exception {
        Queue<Object> creator = PipeQueues.create(0, new SerializingCodec());
        try {
            PipeChannel channel = ((PipeHandle) creator).channel;
            for (int i = 0; i < 2_000; i++) {
                PipeQueues.attach(creator.address()).qsize(); // used once, never closed
            }
            // a producer handle dropped with items still buffered: 4 MB, more than the FIFO takes
            putAndDrop(creator.address(), q -> {
                for (int i = 0; i < 1_000; i++) {
                    try {
                        q.put(i + ":" + "x".repeat(4_000));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            collectUntil(() -> HandleRegistry.references(channel) <= 2);
            assertThat(HandleRegistry.references(channel))
                    .as("the dropped producer's feeder still has 3 MB to write: its reference is kept").isEqualTo(2);
            for (int i = 0; i < 1_000; i++) {
                assertThat((String) creator.get(WAIT)).startsWith(i + ":");
            }
            collectUntil(() -> HandleRegistry.references(channel) == 1);
            assertThat(SlotTable.slotsByPid(creator.address())).containsExactly(Map.entry(ME, 1));
        } finally {
            creator.close();
            creator.joinThread();
        }
    }

    private static void putAndDrop(String address, Consumer<Queue<Object>> use) {
        use.accept(PipeQueues.attach(address));
    }

    @Test
    void aTaskCapturingTwoThousandHandlesOfAQueueHoldsOneSlotInEachProcess() throws Exception {
        org.jbilliard.Context context = org.jbilliard.Context.load();
        Queue<Object> q = context.queue();
        Queue<Object> results = context.queue();
        try {
            List<Queue<Object>> handles = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                handles.add(context.attachQueue(q.address())); // distinct objects: each is serialized
            }
            String address = q.address();
            try (org.jbilliard.TaskProcess child = context.process(() -> {
                handles.get(1_999).put("from the child");
                results.put(SlotTable.slotsByPid(address).get(ProcessHandle.current().pid()));
            })) {
                child.start();
                assertThat(results.get(WAIT)).as("slots the child holds for 2 000 captured handles").isEqualTo(1);
                assertThat(child.join(WAIT)).isTrue();
                assertThat(child.exitCode()).as("%s", child.failure()).hasValue(0);
            }
            assertThat(q.get(WAIT)).isEqualTo("from the child");
            assertThat(SlotTable.slotsByPid(address)).as("after the child exited, its captures released")
                    .containsExactly(Map.entry(ME, 1));
            handles.forEach(Queue::close);
        } finally {
            q.close();
            results.close();
        }
    }

    @Test
    void aConsumerReceivingThousandsOfHandlesHoldsOneSlotAndGivesItBackWhenItDropsThem() throws Exception {
        Queue<Object> items = PipeQueues.create(0, new SerializingCodec());
        Queue<Object> target = PipeQueues.create(0, new SerializingCodec());
        Path drop = work.resolve("drop");
        int count = 3_000;
        try (ChildJvm consumer = ChildJvm.start(work, null, HandleHolder.class, "receive", items.address(),
                String.valueOf(count), drop.toString())) {
            for (int i = 0; i < count; i++) {
                items.put(target);
            }
            String held = awaitLine(consumer, "HELD ");
            assertThat(held).as("attachments, references of the target in the consumer").isEqualTo("HELD 2 " + count);
            assertThat(SlotTable.slotsByPid(target.address())).as("slots of the target queue")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(ME, 1, consumer.pid(), 1));
            assertThat(SlotTable.slotsByPid(items.address())).containsExactlyInAnyOrderEntriesOf(Map.of(ME, 1, consumer.pid(), 1));

            // Other processes can still attach while the consumer holds its handles.
            try (ChildJvm other = ChildJvm.start(work, null, HandleHolder.class, "attach", target.address())) {
                assertThat(other.awaitSuccess(WAIT)).contains("ATTACHED 0");
            }

            Files.createFile(drop);
            assertThat(awaitLine(consumer, "RELEASED ")).isEqualTo("RELEASED 1");
            assertThat(SlotTable.slotsByPid(target.address())).as("after the consumer's handles were collected")
                    .containsExactly(Map.entry(ME, 1));
            Files.createFile(Path.of(drop + ".exit"));
            consumer.awaitSuccess(WAIT);
        } finally {
            items.close();
            target.close();
        }
    }

    @Test
    void aFullSlotTableIsReportedWithItsHoldersAndNeedsNoHandleLimit() throws Exception {
        Queue<Object> items = PipeQueues.create(0, new SerializingCodec());
        Queue<Object> target = PipeQueues.create(0, new SerializingCodec());
        Path drop = work.resolve("drop");
        try (ChildJvm holder = ChildJvm.start(work, null, HandleHolder.class, "receive", items.address(), "500",
                drop.toString())) {
            for (int i = 0; i < 500; i++) {
                items.put(target);
            }
            assertThat(awaitLine(holder, "HELD ")).isEqualTo("HELD 2 500");
            // The table of a queue with 1 024 attached processes, staged: this JVM stands in for the
            // 1 022 processes that cannot be started here (each slot holds a live identity).
            int staged = SlotTable.fillFreeSlots(target.address(), ProcessIdentity.self());
            assertThat(staged).isEqualTo(ControlBlockLayout.SLOT_COUNT - 2);
            try {
                try (ChildJvm late = ChildJvm.start(work, null, HandleHolder.class, "attach", target.address())) {
                    String refused = late.awaitSuccess(WAIT).get(0);
                    assertThat(refused).startsWith("REFUSED").contains("all 1024 slots")
                            .contains("pid " + ME + " (1023 slots)").contains("pid " + holder.pid() + " (1 slot)");
                }
                items.put(target);
                try (ChildJvm late = ChildJvm.start(work, null, HandleHolder.class, "take", items.address())) {
                    String undecodable = late.awaitSuccess(WAIT).get(0);
                    assertThat(undecodable).startsWith("UNDECODABLE").contains("all 1024 slots")
                            .contains("pid " + ME);
                }
                // The holder of 500 handles still holds one slot, and more handles cost it nothing.
                assertThat(SlotTable.slotsByPid(target.address())).containsEntry(holder.pid(), 1);
            } finally {
                SlotTable.clearStaged(target.address(), ProcessIdentity.self(), staged);
            }
            try (ChildJvm late = ChildJvm.start(work, null, HandleHolder.class, "attach", target.address())) {
                assertThat(late.awaitSuccess(WAIT)).contains("ATTACHED 0");
            }
            Files.createFile(drop);
            awaitLine(holder, "RELEASED ");
            Files.createFile(Path.of(drop + ".exit"));
            holder.awaitSuccess(WAIT);
        } finally {
            items.close();
            target.close();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void collectUntil(java.util.concurrent.Callable<Boolean> released) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            System.gc();
            return released.call();
        });
    }

    private static String awaitLine(ChildJvm child, String prefix) {
        await("line " + prefix + "from the child").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> child.stdout().stream().anyMatch(l -> l.startsWith(prefix)) || !child.isAlive());
        return child.stdout().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("child ended without " + prefix + ": " + child.report()));
    }
}
