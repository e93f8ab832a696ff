package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.jbilliard.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files left by a killed creator are removed by the next start; live queues are not. */
class LifecycleTest {

    @TempDir
    Path work;

    @Test
    void removeStaleDeletesTheQueueOfAKilledCreatorAndKeepsLiveOnes() throws Exception {
        Queue<Object> live = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, null, "create", "queue", "-")) {
            await().atMost(ChildJvm.scaled(Duration.ofSeconds(60)))
                    .until(() -> child.stdout().stream().anyMatch(l -> l.startsWith("ADDR ")));
            Path dir = Path.of(child.stdout().stream().filter(l -> l.startsWith("ADDR ")).findFirst().orElseThrow()
                    .substring(5));
            assertThat(dir).exists();
            PipeQueues.removeStale();
            assertThat(dir).as("queue of a live creator").exists();
            child.kill();
            PipeQueues.removeStale();
            assertThat(dir).doesNotExist();
            assertThat(Path.of(live.address())).exists();
        } finally {
            live.close();
        }
    }

    @Test
    void aSurvivorAttachedToADeadCreatorsQueueDeletesItWhenItCloses() throws Exception {
        try (ChildJvm child = ChildJvm.start(work, null, "create", "queue", "-")) {
            await().atMost(ChildJvm.scaled(Duration.ofSeconds(60)))
                    .until(() -> child.stdout().stream().anyMatch(l -> l.startsWith("ADDR ")));
            String address = child.stdout().stream().filter(l -> l.startsWith("ADDR ")).findFirst().orElseThrow()
                    .substring(5);
            Queue<Object> q = PipeQueues.attach(address);
            await().atMost(ChildJvm.scaled(Duration.ofSeconds(30))).until(() -> q.qsize() == 1);
            assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("left behind");
            child.kill();
            q.close();
            assertThat(Path.of(address)).doesNotExist();
        }
    }
}
