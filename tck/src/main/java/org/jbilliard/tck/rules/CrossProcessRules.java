package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rules with several producers and consumers: processes started through the implementation's own
 * {@link org.jbilliard.Context#process}, and threads for per-producer FIFO within one process.
 */
public class CrossProcessRules extends RuleTest {

    /** Creates the test. */
    public CrossProcessRules() {
    }

    private <T> T result(Queue<T> results, String what) {
        Duration wait = env.scenarioLimit();
        Outcome<T> outcome = Bounded.outcome(what, wait.plus(env.operationLimit()), () -> results.get(wait));
        if (outcome.thrown() != null) {
            throw new AssertionError("expected " + outcome.describe().replaceFirst(" threw", " to succeed, but it threw"),
                    outcome.thrown());
        }
        return outcome.value();
    }

    private void assertAllSucceed(List<TaskProcess> processes) throws Exception {
        for (TaskProcess p : processes) {
            assertSucceeds(p);
        }
    }

    /**
     * Checks that the consumers' lists hold every producer's items exactly once and in producer order.
     */
    private static void assertExactlyOnceInOrder(List<List<String>> perConsumer, int producers, int perProducer) {
        Map<String, Integer> seen = new HashMap<>();
        for (List<String> got : perConsumer) {
            Map<Integer, Integer> last = new HashMap<>();
            for (String item : got) {
                seen.merge(item, 1, Integer::sum);
                String[] parts = item.split(":");
                int producer = Integer.parseInt(parts[0]);
                int n = Integer.parseInt(parts[1]);
                Integer previous = last.put(producer, n);
                if (previous != null && previous >= n) {
                    throw new AssertionError("a consumer got producer " + producer + "'s item " + n + " after its item "
                            + previous + ": per-producer FIFO order broken (BEHAVIOUR row 23)");
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (int p = 0; p < producers; p++) {
            for (int n = 0; n < perProducer; n++) {
                if (!seen.containsKey(p + ":" + n)) {
                    missing.add(p + ":" + n);
                }
            }
        }
        Set<String> duplicated = new TreeSet<>();
        seen.forEach((item, count) -> {
            if (count > 1) {
                duplicated.add(item + " x" + count);
            }
        });
        if (!missing.isEmpty() || !duplicated.isEmpty()) {
            throw new AssertionError("items were not delivered exactly once: missing " + abbreviate(missing)
                    + ", duplicated " + abbreviate(duplicated));
        }
    }

    private static String abbreviate(Set<String> items) {
        List<String> list = new ArrayList<>(items);
        return list.size() <= 12 ? list.toString() : list.subList(0, 12) + " and " + (list.size() - 12) + " more";
    }

    /** X-EXACTLY-ONCE-01. */
    @Test
    @Verifies(Rule.X_EXACTLY_ONCE_01)
    @DisplayName("X-EXACTLY-ONCE-01 N producers x M consumers: every item exactly once, per-producer order kept")
    public void exactlyOnceAcrossProcesses() throws Exception {
        int producers = 3;
        int consumers = 2;
        int perProducer = 150;
        Queue<String> q = queue(16);
        Queue<List<String>> results = queue(0);
        Duration wait = env.scenarioLimit();
        List<TaskProcess> consumerProcesses = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            consumerProcesses.add(started(Tasks.consumeUntilNull(q, results, wait)));
        }
        List<TaskProcess> producerProcesses = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            producerProcesses.add(started(Tasks.produce(q, p, perProducer)));
        }
        assertAllSucceed(producerProcesses);
        for (int c = 0; c < consumers; c++) {
            within("put(null) sentinel", () -> {
                q.put(null);
                return null;
            });
        }
        assertAllSucceed(consumerProcesses);
        List<List<String>> perConsumer = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            perConsumer.add(result(results, "a consumer's report"));
        }
        assertExactlyOnceInOrder(perConsumer, producers, perProducer);
    }

    /** Q-FIFO-01. */
    @Test
    @Verifies(Rule.Q_FIFO_01)
    @DisplayName("Q-FIFO-01 per-producer FIFO with several producers and consumers")
    public void fifoPerProducerThreads() {
        int producers = 3;
        int consumers = 2;
        int perProducer = 300;
        Queue<String> q = queue(8);
        Duration wait = env.scenarioLimit();
        List<Bounded> consumerThreads = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            consumerThreads.add(Bounded.start("consumer thread", () -> {
                List<String> got = new ArrayList<>();
                for (String item; (item = q.get(wait)) != null; ) {
                    got.add(item);
                }
                return got;
            }));
        }
        List<Bounded> producerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            producerThreads.add(Bounded.start("producer thread " + p, () -> {
                for (int n = 0; n < perProducer; n++) {
                    q.put(producer + ":" + n);
                }
                return null;
            }));
        }
        for (Bounded producer : producerThreads) {
            Outcome<Object> outcome = producer.await(env.scenarioLimit());
            assertThat(outcome.thrown()).as(outcome.describe()).isNull();
        }
        for (int c = 0; c < consumers; c++) {
            within("put(null) sentinel", () -> {
                q.put(null);
                return null;
            });
        }
        List<List<String>> perConsumer = new ArrayList<>();
        for (Bounded consumer : consumerThreads) {
            Outcome<Object> outcome = consumer.await(env.scenarioLimit());
            assertThat(outcome.thrown()).as(outcome.describe()).isNull();
            @SuppressWarnings("unchecked")
            List<String> got = (List<String>) outcome.value();
            perConsumer.add(got);
        }
        assertExactlyOnceInOrder(perConsumer, producers, perProducer);
    }

    /** X-JOINABLE-01. */
    @Test
    @Verifies(Rule.X_JOINABLE_01)
    @DisplayName("X-JOINABLE-01 JoinableQueue across processes: workers' taskDone releases the parent's join")
    public void joinableAcrossProcesses() throws Exception {
        JoinableQueue<Integer> q = joinable(0);
        Queue<Integer> done = queue(0);
        // NOTE: all 10 tasks are put before the workers start, so that 10 are unfinished at once: a
        // taskDone() that marks two tasks done then releases join() early on every run, instead of
        // only when the workers happen to fall behind the puts.
        within("put 10 tasks", () -> {
            for (int i = 0; i < 10; i++) {
                q.put(i);
            }
            return null;
        });
        List<TaskProcess> workers = List.of(started(Tasks.joinableWorker(q, done)),
                started(Tasks.joinableWorker(q, done)));
        Outcome<Boolean> joined = Bounded.outcome("join(timeout) until the workers marked all 10 tasks done",
                env.scenarioLimit().plusSeconds(1), () -> q.join(env.scenarioLimit()));
        assertThat(joined.thrown()).as(joined.describe()).isNull();
        assertThat(joined.value()).as("join(timeout) after the workers processed every task").isTrue();
        List<Integer> processed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Duration wait = has(Feature.IMMEDIATE_VISIBILITY) ? Duration.ZERO : env.operationLimit();
            Outcome<Integer> report = outcome("get() of a worker's report", () -> done.get(wait));
            if (report.thrown() != null) {
                throw new AssertionError("join() returned before every task was processed: only " + processed.size()
                        + " of 10 tasks were reported by the workers before their taskDone() (" + report.describe()
                        + ")", report.thrown());
            }
            processed.add(report.value());
        }
        assertThat(new TreeSet<>(processed)).as("tasks reported by the workers before taskDone()")
                .hasSize(10).containsExactlyElementsOf(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        within("put(null) x2", () -> {
            q.put(null);
            q.put(null);
            return null;
        });
        assertAllSucceed(workers);
        assertThat(within("join(0) after the sentinels were done", () -> q.join(Duration.ZERO))).isTrue();
    }

    /** X-SIMPLE-01. */
    @Test
    @Verifies(Rule.X_SIMPLE_01)
    @DisplayName("X-SIMPLE-01 SimpleQueue across processes: every item exactly once")
    public void simpleAcrossProcesses() throws Exception {
        SimpleQueue<String> q = simple();
        Queue<List<String>> results = queue(0);
        List<TaskProcess> consumers = List.of(started(Tasks.simpleConsumer(q, results)),
                started(Tasks.simpleConsumer(q, results)));
        TaskProcess producer = started(Tasks.simpleProducer(q, 100, 2));
        assertSucceeds(producer);
        assertAllSucceed(consumers);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> got = result(results, "a SimpleQueue consumer's report");
            int last = -1;
            for (String item : got) {
                int n = Integer.parseInt(item.substring(1));
                if (n <= last) {
                    throw new AssertionError("a SimpleQueue consumer got s" + n + " after s" + last
                            + ": producer order broken");
                }
                last = n;
            }
            all.addAll(got);
        }
        Set<String> unique = new HashSet<>(all);
        assertThat(all).as("items got by the SimpleQueue consumers (exactly once: no duplicates)").hasSize(unique.size());
        assertThat(unique).as("items got by the SimpleQueue consumers (exactly once: none missing)").hasSize(100);
    }

    /** X-SEED-01. */
    @Test
    @Verifies(Rule.X_SEED_01)
    @DisplayName("X-SEED-01 the seed's producer/consumer example with a re-queued sentinel works")
    public void seedExample() throws Exception {
        Queue<Integer> q = queue(5);
        Queue<List<Integer>> results = queue(0);
        if (has(Feature.QSIZE)) {
            assertThat(q.qsize()).as("Queue size at start").isZero();
        }
        assertThat(q.empty()).as("Queue empty at start").isTrue();
        assertThat(q.full()).as("Queue full at start").isFalse();
        Duration wait = env.scenarioLimit();
        List<TaskProcess> processes = List.of(started(Tasks.seedProducer(q, 10)),
                started(Tasks.seedConsumer(q, results, wait)), started(Tasks.seedConsumer(q, results, wait)));
        assertAllSucceed(processes);
        List<Integer> consumed = new ArrayList<>(result(results, "consumer 1's report"));
        consumed.addAll(result(results, "consumer 2's report"));
        consumed.sort(null);
        assertThat(consumed).as("items consumed by the two consumers together").isEqualTo(
                List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(take(q)).as("the sentinel re-queued by the last consumer").isNull();
    }

    /** X-FLUSH-01. */
    @Test
    @Verifies(Rule.X_FLUSH_01)
    @DisplayName("X-FLUSH-01 items a task put are in the queue once join() returns")
    public void flushedBeforeExit() throws Exception {
        Queue<Integer> q = queue(0);
        TaskProcess p = started(Tasks.putRange(q, 200));
        assertSucceeds(p);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Integer item = has(Feature.IMMEDIATE_VISIBILITY)
                    ? within("getNowait() of item " + i + " after the producer's join() returned", q::getNowait)
                    : take(q);
            got.add(item);
        }
        for (int i = 0; i < 200; i++) {
            if (got.get(i) != i) {
                throw new AssertionError("item " + i + " after join() was " + got.get(i));
            }
        }
    }

    private static List<Integer> range(int count) {
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(i);
        }
        return expected;
    }

    private void putRange(Queue<Integer> q, int count) {
        within("put " + count + " items", () -> {
            for (int i = 0; i < count; i++) {
                q.put(i);
            }
            return null;
        });
    }

    private void open(Queue<String> gate) {
        within("put(go) on the consumer's gate", () -> {
            gate.put("go");
            return null;
        });
    }

    /** Q-CLOSE-01. */
    @Test
    @Verifies(Rule.Q_CLOSE_01)
    @DisplayName("Q-CLOSE-01 close() flushes items already put, and other handles keep working")
    public void closeFlushes() throws Exception {
        Queue<Integer> q = queue(0);
        Queue<List<Integer>> results = queue(0);
        Queue<String> ready = queue(0);
        Queue<String> gate = queue(0);
        TaskProcess consumer = started(Tasks.attachThenDrain(ready, gate, q, 50, results, env.operationLimit()));
        assertThat(result(ready, "the consumer's announcement that it attached")).isEqualTo("attached");
        putRange(q, 50);
        q.close();
        open(gate);
        assertSucceeds(consumer);
        List<Integer> got = result(results, "the consumer's report");
        assertThat(got).as("items got through another handle after this handle was closed (BEHAVIOUR row 10:"
                + " close() flushes; -1 marks a get that timed out)").isEqualTo(range(50));
    }

    /** X-LIFETIME-01. */
    @Test
    @Verifies(Rule.X_LIFETIME_01)
    @DisplayName("X-LIFETIME-01 a queue captured by a started process outlives the parent's close()")
    public void capturedQueueOutlivesParentClose() throws Exception {
        Queue<Integer> q = queue(0);
        Queue<List<Integer>> results = queue(0);
        Queue<String> gate = queue(0);
        TaskProcess consumer = started(Tasks.drainAfterGate(gate, q, 20, results, env.operationLimit()));
        putRange(q, 20);
        q.close();
        open(gate);
        assertSucceeds(consumer);
        assertThat(result(results, "the consumer's report")).as("items got by a started process that first used its"
                + " captured handle after the parent closed its own (-1 marks a get that timed out)")
                .isEqualTo(range(20));
    }

    /** Q-JOINTHREAD-02. */
    @Test
    @Verifies(Rule.Q_JOINTHREAD_02)
    @DisplayName("Q-JOINTHREAD-02 joinThread() after close() returns once everything is flushed")
    public void joinThreadAfterClose() throws Exception {
        Queue<Integer> q = queue(0);
        Queue<List<Integer>> results = queue(0);
        Queue<String> ready = queue(0);
        Queue<String> gate = queue(0);
        TaskProcess consumer = started(Tasks.attachThenDrain(ready, gate, q, 30, results, env.operationLimit()));
        assertThat(result(ready, "the consumer's announcement that it attached")).isEqualTo("attached");
        putRange(q, 30);
        q.close();
        within("joinThread() after close()", () -> {
            q.joinThread();
            return null;
        });
        open(gate);
        assertSucceeds(consumer);
        assertThat(result(results, "the consumer's report"))
                .as("items available to another handle after joinThread() returned (-1 marks a timed-out get)")
                .isEqualTo(range(30));
    }
}
