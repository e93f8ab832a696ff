package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A participant that has run out of file descriptors cannot read {@code /proc}; it must not conclude
 * from that that the others are dead (issue: liveness on positive evidence only). A real child JVM
 * exhausts its descriptors ({@link StarvedParticipant}) and then produces and consumes while this
 * process and two other children do the same, with readers blocked in {@code get} holding the read
 * lock for long stretches — exactly when a contender judges the lock's owner.
 *
 * <p>If this fails, check {@code ProcessIdentity.liveness}: an I/O error reading {@code /proc} must
 * give {@code UNKNOWN} (treated as alive), never {@code DEAD}.
 */
class DescriptorStarvedParticipantTest {

    private static final int PER_PRODUCER = 300;

    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void starvedParticipantTakesNoLiveLockLosesNothingAndLeavesTheQueueToTheOthersAtClose() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        Queue<Object> unattached = PipeQueues.create(0, new SerializingCodec()); // the child holds no handle of it
        Path stop = work.resolve("stop");
        long dead = reapedIdentity();
        ConcurrentLinkedQueue<String> takenHere = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopConsuming = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread consumer = Thread.ofPlatform().name("parent-consumer").start(() -> {
            try {
                while (!stopConsuming.get()) {
                    try {
                        takenHere.add((String) q.get(Duration.ofMillis(100)));
                    } catch (Empty e) {
                        // keep holding the read lock in the next get: the starved child contends for it
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try (ChildJvm starved = ChildJvm.start(work, null, StarvedParticipant.class, q.address(),
                Long.toString(ProcessIdentity.self()), Long.toString(dead), stop.toString(), "s",
                Integer.toString(PER_PRODUCER), unattached.address())) {
            awaitLine(starved, "STARVED");
            try (ChildJvm producer = ChildJvm.start(work, null, "produce", "queue", q.address(), "c",
                    Integer.toString(PER_PRODUCER), "0");
                 ChildJvm otherConsumer = ChildJvm.start(work, null, "consume", "queue", q.address(), "1500")) {
                for (int i = 0; i < PER_PRODUCER; i++) {
                    q.put(ChildRole.item("p", i, 0));
                }
                producer.awaitSuccess(Duration.ofSeconds(60));
                awaitLine(starved, "PUT-DONE");
                await("every item taken").atMost(ChildJvm.scaled(Duration.ofSeconds(60)))
                        .pollInterval(Duration.ofMillis(20)).until(() -> q.qsize() == 0);
                Files.createFile(stop);
                List<String> starvedOut = starved.awaitSuccess(Duration.ofSeconds(60));
                List<String> otherOut = otherConsumer.awaitSuccess(Duration.ofSeconds(60));
                stopConsuming.set(true);
                consumer.join(ChildJvm.scaled(Duration.ofSeconds(10)).toMillis());
                assertThat(consumer.isAlive()).as("parent consumer finished").isFalse();
                assertThat(failure.get()).as("parent consumer failure").isNull();

                assertThat(starvedOut).as(starved.report())
                        .anyMatch(l -> l.matches("STARVED \\d+ true"))
                        .contains("PROBE parent UNKNOWN", "PROBE dead DEAD", "SELF-OK true",
                                "STILL-STARVED true", "CLOSED");
                assertThat(starvedOut).as("another handle of an attached queue shares its attachment: no descriptor")
                        .contains("ATTACH-SHARED ok");
                assertThat(starvedOut).as("attaching another queue needs descriptors: a clear refusal")
                        .anyMatch(l -> l.startsWith("ATTACH-REFUSED java.lang.IllegalArgumentException: cannot attach")
                                && l.contains("Too many open files"));

                Map<String, Integer> seen = new HashMap<>();
                List<String> all = new ArrayList<>(takenHere);
                starvedOut.stream().filter(l -> l.startsWith("GOT ")).map(l -> l.substring(4)).forEach(all::add);
                otherOut.stream().filter(l -> l.startsWith("ITEM ")).map(l -> l.substring(5)).forEach(all::add);
                all.forEach(item -> seen.merge(item, 1, Integer::sum));
                List<String> expected = new ArrayList<>();
                for (String who : List.of("p", "c", "s")) {
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        expected.add(ChildRole.item(who, i, 0));
                    }
                }
                assertThat(seen.keySet()).as("every item delivered, nothing foreign").containsExactlyInAnyOrderElementsOf(expected);
                assertThat(seen.entrySet()).as("nothing delivered twice").allMatch(e -> e.getValue() == 1);
                assertThat(starvedOut.stream().filter(l -> l.startsWith("GOT "))).as("the starved child consumed too")
                        .isNotEmpty();
                assertThat(q.qsize()).as("qsize after the drain").isZero();

                // The starved child's close() saw the others as "unknown", i.e. alive: the queue stays.
                assertThat(Path.of(q.address())).isDirectory();
                q.put("after");
                assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(5)))).isEqualTo("after");
                try (Queue<Object> late = PipeQueues.attach(q.address())) {
                    late.put("late");
                    assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(5)))).isEqualTo("late");
                }
                assertThat(q.qsize()).isZero();
            }
        } finally {
            stopConsuming.set(true);
            consumer.join(TimeUnit.SECONDS.toMillis(10));
            q.close();
            unattached.close();
        }
    }

    private static void awaitLine(ChildJvm child, String prefix) {
        await("child printing " + prefix).atMost(ChildJvm.scaled(Duration.ofSeconds(60)))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (child.stdout().stream().anyMatch(l -> l.startsWith(prefix))) {
                        return true;
                    }
                    if (!child.isAlive()) {
                        throw new AssertionError("child exited before " + prefix + ": " + child.report());
                    }
                    return false;
                });
    }

    /** The identity of a process that has exited and been reaped. */
    private static long reapedIdentity() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return ProcessIdentity.of((int) p.pid(), 1);
    }
}
