package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several producer and consumer JVMs exchange items through one queue: exactly once, in order per producer. */
class CrossProcessExchangeTest {

    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private static final int PER_PRODUCER = 1500;

    @TempDir
    Path work;

    @Test
    void fourProducersAndFourConsumersExchangeEveryItemExactlyOnceInProducerOrder() throws Exception {
        Queue<Object> q = PipeQueues.create(64, new SerializingCodec());
        exchange("queue", q.address(), () -> {
            for (int i = 0; i < CONSUMERS; i++) {
                q.put("STOP");
            }
        });
        assertThat(q.qsize()).isZero();
        q.close();
        q.joinThread();
        assertThat(Path.of(q.address())).doesNotExist();
    }

    @Test
    void joinableQueueCountsTasksOfAllProcesses() throws Exception {
        JoinableQueue<Object> q = PipeQueues.createJoinable(0, new SerializingCodec());
        exchange("joinable", q.address(), () -> {
            for (int i = 0; i < CONSUMERS; i++) {
                q.put("STOP");
            }
        });
        assertThat(q.join(ChildJvm.scaled(Duration.ofSeconds(10)))).isTrue();
        q.close();
    }

    @Test
    void simpleQueueExchangesItemsBetweenProcesses() throws Exception {
        SimpleQueue<Object> q = PipeQueues.createSimple(new SerializingCodec());
        exchange("simple", q.address(), () -> {
            for (int i = 0; i < CONSUMERS; i++) {
                q.put("STOP");
            }
        });
        assertThat(q.empty()).isTrue();
        q.close();
    }

    interface Stopper {
        void stop() throws Exception;
    }

    private void exchange(String kind, String address, Stopper stopper) throws Exception {
        List<ChildJvm> producers = new ArrayList<>();
        List<ChildJvm> consumers = new ArrayList<>();
        try {
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(ChildJvm.start(work, null, "consume", kind, address, "60000"));
            }
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(ChildJvm.start(work, null, "produce", kind, address, "p" + p,
                        Integer.toString(PER_PRODUCER), Integer.toString(p == 0 ? 5000 : 0)));
            }
            for (ChildJvm p : producers) {
                p.awaitSuccess(Duration.ofSeconds(120));
            }
            stopper.stop();
            Map<String, Integer> seen = new HashMap<>();
            Set<String> all = new HashSet<>();
            int total = 0;
            for (ChildJvm c : consumers) {
                Map<String, Integer> lastSeq = new HashMap<>();
                for (String line : c.awaitSuccess(Duration.ofSeconds(120))) {
                    if (!line.startsWith("ITEM ")) {
                        continue;
                    }
                    String item = line.substring(5);
                    String producer = item.substring(0, item.indexOf(':'));
                    int seq = Integer.parseInt(item.substring(item.indexOf(':') + 1));
                    assertThat(all.add(item)).as("item %s delivered twice", item).isTrue();
                    Integer last = lastSeq.put(producer, seq);
                    assertThat(last == null || last < seq)
                            .as("consumer saw %s after %s:%s", item, producer, last).isTrue();
                    seen.merge(producer, 1, Integer::sum);
                    total++;
                }
            }
            assertThat(total).isEqualTo(PRODUCERS * PER_PRODUCER);
            for (int p = 0; p < PRODUCERS; p++) {
                assertThat(seen.get("p" + p)).isEqualTo(PER_PRODUCER);
            }
        } finally {
            for (ChildJvm c : producers) {
                c.close();
            }
            for (ChildJvm c : consumers) {
                c.close();
            }
        }
        assertThat(Files.exists(Path.of(address))).isTrue();
    }
}
