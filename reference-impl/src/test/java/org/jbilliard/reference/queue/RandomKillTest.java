package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Producers and consumers (some sending 20 KB items, so kills land mid-frame) are killed at random
 * moments and replaced; afterwards nothing was duplicated or corrupted, every loss belongs to a
 * killed process, and the survivors see consistent counts. Seeded: {@code -Djbilliard.seed=N}.
 */
class RandomKillTest {

    private static final int KILLS = 8;
    private static final int PER_PRODUCER = 2000;

    @TempDir
    Path work;

    record Role(String kind, String id, ChildJvm jvm) {
    }

    @Test
    void killedParticipantsNeverCorruptDuplicateOrWedgeTheQueue() throws Exception {
        run("queue", Long.getLong("jbilliard.seed", 20261125L));
    }

    /** Only producers are killed here, so every task that was not lost with a producer gets done. */
    @Test
    void killedProducersLeaveTheUnfinishedCountOfAJoinableQueueTrue() throws Exception {
        run("joinable", Long.getLong("jbilliard.seed", 20261126L));
    }

    private void run(String kind, long seed) throws Exception {
        Random random = new Random(seed);
        Queue<Object> q = kind.equals("joinable") ? PipeQueues.createJoinable(32, new SerializingCodec())
                : PipeQueues.create(32, new SerializingCodec());
        List<Role> roles = new ArrayList<>();
        Set<String> killedProducers = new HashSet<>();
        int killedConsumers = 0;
        int next = 0;
        try {
            for (int i = 0; i < 3; i++) {
                roles.add(consumer(q, kind));
                roles.add(producer(q, kind, "p" + next++, i == 0 ? 20_000 : 0));
            }
            for (int k = 0; k < KILLS; k++) {
                long delay = 200 + random.nextInt(500);
                Thread.sleep(delay); // NOTE: the random moment of the kill, not synchronisation
                List<Role> alive = roles.stream().filter(r -> r.jvm.isAlive())
                        .filter(r -> kind.equals("queue") || r.kind.equals("producer")).toList();
                if (alive.isEmpty()) {
                    break;
                }
                Role victim = alive.get(random.nextInt(alive.size()));
                victim.jvm.kill();
                if (victim.kind.equals("producer")) {
                    killedProducers.add(victim.id);
                    roles.add(producer(q, kind, "p" + next++, random.nextBoolean() ? 20_000 : 0));
                } else {
                    killedConsumers++;
                    roles.add(consumer(q, kind));
                }
            }
            Map<String, Integer> received = new HashMap<>();
            Set<String> all = new HashSet<>();
            for (Role r : roles) {
                if (!r.kind.equals("producer") || killedProducers.contains(r.id)) {
                    continue;
                }
                r.jvm.awaitSuccess(Duration.ofSeconds(180));
            }
            for (Role r : roles) {
                if (!r.kind.equals("consumer")) {
                    continue;
                }
                List<String> lines = r.jvm.isKilled() ? r.jvm.stdout() : r.jvm.awaitSuccess(Duration.ofSeconds(180));
                Map<String, Integer> last = new HashMap<>();
                for (String line : lines) {
                    if (!line.startsWith("ITEM ")) {
                        continue;
                    }
                    String item = line.substring(5);
                    assertThat(all.add(item)).as("duplicate %s (seed %d)", item, seed).isTrue();
                    String producer = item.substring(0, item.indexOf(':'));
                    int seq = Integer.parseInt(item.substring(item.indexOf(':') + 1));
                    Integer before = last.put(producer, seq);
                    assertThat(before == null || before < seq).as("order of %s (seed %d)", item, seed).isTrue();
                    received.merge(producer, 1, Integer::sum);
                }
            }
            int lostFromSurvivors = 0;
            for (Role r : roles) {
                if (r.kind.equals("producer") && !killedProducers.contains(r.id)) {
                    lostFromSurvivors += PER_PRODUCER - received.getOrDefault(r.id, 0);
                }
            }
            // a killed consumer can lose the item it was receiving or had just received
            assertThat(lostFromSurvivors).as("items of surviving producers lost (seed %d)", seed)
                    .isBetween(0, killedConsumers);
            assertThat(q.qsize()).as("qsize after everything was consumed (seed %d)", seed).isZero();
            if (q instanceof org.jbilliard.JoinableQueue<Object> jq) {
                assertThat(jq.join(ChildJvm.scaled(Duration.ofSeconds(5))))
                        .as("every delivered task done, every lost one forgotten (seed %d)", seed).isTrue();
            }
            q.put("after");
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo("after");
            long start = System.nanoTime();
            try {
                q.get(Duration.ofMillis(200));
                throw new AssertionError("queue should be empty");
            } catch (Empty expected) {
                assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
            }
        } finally {
            for (Role r : roles) {
                r.jvm.close();
            }
            q.close();
        }
    }

    private Role producer(Queue<Object> q, String kind, String id, int pad) {
        return new Role("producer", id, ChildJvm.start(work, null, "produce", kind, q.address(), id,
                Integer.toString(PER_PRODUCER), Integer.toString(pad)));
    }

    private Role consumer(Queue<Object> q, String kind) {
        return new Role("consumer", "c", ChildJvm.start(work, null, "consume", kind, q.address(), "4000"));
    }
}
