package org.jbilliard.redis.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing with a real process that is only slow: a consumer JVM blocked in {@code get()} is stopped
 * with SIGSTOP; the server still hands it the next item (its {@code BLMOVE} was waiting on the
 * server), its lease lapses, a reaper gives the item back, and another consumer gets it. When the
 * stopped consumer continues, it must not deliver that item too: its commit is refused, it re-leases
 * and goes on waiting, and gets the next item instead. Also: a producer stopped while it holds a
 * slot of a full queue gives the slot back.
 */
class SlowProcessFencingTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static void signal(TaskProcess p, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid().orElseThrow())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s", name).isZero();
    }

    private static void awaitBlockedOnServer() {
        Awaitility.await("a BLMOVE of the child waits on the server").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5)).until(() -> REDIS.server().blockedClients() >= 1);
    }

    @Test
    void aConsumerStoppedPastItsLeaseCannotDeliverTheItemThatWasGivenBack() throws Exception {
        RedisContext ctx = new RedisContext(REDIS.server().config());
        try (Queue<String> q = ctx.queue(2); Queue<String> ready = ctx.queue(0); Queue<String> report = ctx.queue(0)) {
            TaskProcess consumer = ctx.process(() -> {
                ready.put("about to get");
                report.put("consumer got " + q.get());
            });
            try (consumer) {
                consumer.start();
                assertThat(ready.get(Duration.ofSeconds(60))).isEqualTo("about to get");
                // Once the consumer's BLMOVE waits on the server, an item put goes to it.
                awaitBlockedOnServer();
                signal(consumer, "STOP");
                try {
                    q.put("first");
                    assertThat(q.get(Duration.ofSeconds(15))).as("the item given back after the stopped consumer's lease lapsed")
                            .isEqualTo("first");
                    assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
                } finally {
                    signal(consumer, "CONT");
                }
                assertThatThrownBy(() -> report.get(Duration.ofSeconds(2))).as("the resumed consumer delivered nothing")
                        .isInstanceOf(Empty.class);
                q.put("second");
                assertThat(report.get(Duration.ofSeconds(30))).isEqualTo("consumer got second");
                assertThat(consumer.join(Duration.ofSeconds(60))).isTrue();
                assertThat(consumer.exitCode()).hasValue(0);
                assertThatThrownBy(q::getNowait).as("nothing left, nothing duplicated").isInstanceOf(Empty.class);
            }
        }
    }

    @Test
    void aProducerStoppedWhileItHoldsASlotGivesItBackAfterItsLease() throws Exception {
        RedisContext ctx = new RedisContext(REDIS.server().config());
        try (Queue<String> q = ctx.queue(1); Queue<String> ready = ctx.queue(0)) {
            q.put("occupant");
            TaskProcess producer = ctx.process(() -> {
                ready.put("about to put");
                q.put("from the producer");
            });
            try (producer) {
                producer.start();
                assertThat(ready.get(Duration.ofSeconds(60))).isEqualTo("about to put");
                awaitBlockedOnServer();
                signal(producer, "STOP");
                try {
                    // The freed slot goes to the stopped producer's BLMOVE, then back after its lease.
                    assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("occupant");
                    q.put("mine", Duration.ofSeconds(15));
                    assertThat(q.full()).isTrue();
                    assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("mine");
                } finally {
                    signal(producer, "CONT");
                }
                assertThat(q.get(Duration.ofSeconds(30))).as("the resumed producer's item, once").isEqualTo("from the producer");
                assertThat(producer.join(Duration.ofSeconds(60))).isTrue();
                assertThat(producer.exitCode()).hasValue(0);
                assertThatThrownBy(q::getNowait).isInstanceOf(Empty.class);
            }
        }
    }
}
