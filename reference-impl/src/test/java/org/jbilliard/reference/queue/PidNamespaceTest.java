package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.IdentityScope;
import org.jbilliard.reference.nativeio.ProcessIdentity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One queue, one PID namespace, with real namespaces ({@code unshare --pid --fork --mount-proc}, as
 * a container or sandbox sharing {@code /dev/shm} or {@code /tmp} would have): from another
 * namespace every process identity in a control block names another process or none, so
 * <ul>
 * <li>attaching to a queue of this namespace from there is refused with an {@link
 * IllegalArgumentException} that says why;</li>
 * <li>a {@code Context} started there (its start-up cleanup) leaves a live queue of this namespace
 * untouched, and a {@code Context} started here leaves a live queue of that namespace untouched; both
 * queues work afterwards.</li>
 * </ul>
 * Needs root and a working {@code unshare} (CI runs as root); skipped with the reason otherwise.
 * The simulated form, without root, is {@link ForeignScopeQueueTest}.
 */
class PidNamespaceTest {

    private static final Duration CHILD = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @BeforeAll
    static void namespacesAvailable() {
        Optional<String> why = NamespacedJvm.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "skipped: " + why.orElseThrow());
    }

    @Test
    @Timeout(120)
    void attachingFromAnotherPidNamespaceIsRefusedWithTheReason() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (NamespacedJvm foreign = NamespacedJvm.start(work, true, NamespaceParticipant.class, "attach",
                q.address())) {
            q.put("mine");
            List<String> out = foreign.awaitSuccess(CHILD);
            assertOtherNamespace(out, foreign);
            assertThat(out).as(foreign.report()).anyMatch(l -> l.startsWith(
                    "REFUSED java.lang.IllegalArgumentException: refusing queue at " + q.address())
                    && l.contains(IdentityScope.current().namespaceName())
                    && l.contains("must share a PID namespace"));
            assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(5)))).isEqualTo("mine");
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    @Timeout(120)
    void aContextStartedInAnotherPidNamespaceLeavesALiveQueueOfThisOneUntouched() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        Path dir = Path.of(q.address());
        try (NamespacedJvm foreign = NamespacedJvm.start(work, true, NamespaceParticipant.class, "context",
                Long.toString(ProcessIdentity.self()))) {
            q.put("kept");
            List<String> out = foreign.awaitSuccess(CHILD);
            assertOtherNamespace(out, foreign);
            // NOTE: from there, this JVM (the queue's only participant) looks dead: without the scope
            // check its start-up cleanup would have deleted the queue.
            assertThat(out).as(foreign.report()).contains("PROBE DEAD", "STARTED reference");
            assertThat(dir).as("the queue of this namespace").isDirectory();
            assertThat(dir.resolve(QueueFiles.CONTROL)).exists();
            assertThat(dir.resolve(QueueFiles.FIFO)).exists();
            assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(5)))).isEqualTo("kept");
            try (Queue<Object> late = PipeQueues.attach(q.address())) {
                late.put("late");
                assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(5)))).isEqualTo("late");
            }
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
        await("the creator's close removes the queue").atMost(ChildJvm.scaled(Duration.ofSeconds(10)))
                .pollInterval(Duration.ofMillis(10)).until(() -> !Files.exists(dir));
    }

    @Test
    @Timeout(120)
    void aContextStartedHereLeavesALiveQueueOfAnotherPidNamespaceUntouched() throws Exception {
        Path dir = null;
        NamespacedJvm host = NamespacedJvm.start(work, true, NamespaceParticipant.class, "host");
        try {
            dir = Path.of(host.awaitLine("ADDR ", CHILD).substring("ADDR ".length()));
            assertOtherNamespace(host.stdout(), host);
            long hostIdentity = Long.parseLong(host.awaitLine("SELF ", CHILD).substring("SELF ".length()));
            assertThat(ProcessIdentity.liveness(hostIdentity)).as("the host (pid 1 there) as seen from here")
                    .isEqualTo(ProcessIdentity.Liveness.DEAD);
            String address = dir.toString();
            assertThatThrownBy(() -> PipeQueues.attach(address)).as("attaching from here")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refusing queue at " + address)
                    .hasMessageContaining("must share a PID namespace");
            // A Context started here, in a fresh JVM, runs the start-up cleanup: the host is pid 1
            // of its namespace, which here is init with another start time, i.e. "dead".
            try (NamespacedJvm local = NamespacedJvm.start(work, false, NamespaceParticipant.class, "context",
                    Long.toString(hostIdentity))) {
                assertThat(local.awaitSuccess(CHILD)).as(local.report()).contains("PROBE DEAD", "STARTED reference");
            }
            PipeQueues.removeStale();
            assertThat(dir).as("the queue of the other namespace").isDirectory();
            assertThat(dir.resolve(QueueFiles.CONTROL)).exists();
            host.send("go");
            List<String> out = host.awaitSuccess(CHILD);
            assertThat(out).as(host.report()).contains("KEPT hosted", "AGAIN again qsize=0", "DONE");
            Path gone = dir;
            await("the host's close removes its queue").atMost(ChildJvm.scaled(Duration.ofSeconds(10)))
                    .pollInterval(Duration.ofMillis(10)).until(() -> !Files.exists(gone));
        } finally {
            host.close();
            if (dir != null) {
                QueueFiles.delete(dir); // left behind if the host was killed before its close
            }
        }
    }

    private static void assertOtherNamespace(List<String> out, NamespacedJvm child) {
        String scope = out.stream().filter(l -> l.startsWith("SCOPE ")).findFirst()
                .orElseThrow(() -> new AssertionError("no SCOPE line: " + child.report()));
        assertThat(scope).as("the child runs in another PID namespace")
                .doesNotContain(IdentityScope.current().namespaceName());
    }
}
