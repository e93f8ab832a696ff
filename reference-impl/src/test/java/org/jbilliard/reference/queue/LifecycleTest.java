package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    @Test
    void aProducerThatExitsWithoutClosingStillFlushesEverythingItPut() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, null, "produce-exit", "queue", q.address(), "p", "300", "3000")) {
            for (int i = 0; i < 300; i++) {
                assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(30)))).isEqualTo(ChildRole.item("p", i, 3000));
            }
            assertThat(child.awaitSuccess(Duration.ofSeconds(60))).contains("PUT");
            assertThat(q.qsize()).isZero();
        } finally {
            q.close();
        }
    }

    @Test
    void aProducerThatCancelledTheJoinMayLoseItemsButTheCountStaysTrue() throws Exception {
        Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
        try (ChildJvm child = ChildJvm.start(work, null, "produce-cancel", "queue", q.address(), "p", "300", "3000")) {
            child.awaitSuccess(Duration.ofSeconds(60));
            int got = 0;
            try {
                while (true) {
                    assertThat(q.get(ChildJvm.scaled(Duration.ofSeconds(1)))).isEqualTo(ChildRole.item("p", got, 3000));
                    got++;
                }
            } catch (org.jbilliard.Empty e) {
                assertThat(q.qsize()).as("after %d items", got).isZero();
            }
        } finally {
            q.close();
        }
    }

    @Test
    void aProcessWhoseUnflushedItemsNobodyCanReadStillExits() throws Exception {
        try (ChildJvm child = ChildJvm.start(work, null, "fill-alone", "queue", "-")) {
            List<String> out = child.awaitSuccess(Duration.ofSeconds(60));
            String address = out.stream().filter(l -> l.startsWith("PUT ")).findFirst().orElseThrow().substring(4);
            assertThat(Path.of(address)).doesNotExist();
        }
    }
}
