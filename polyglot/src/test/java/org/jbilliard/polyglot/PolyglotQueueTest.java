package org.jbilliard.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jbilliard.CodecException;
import org.jbilliard.Full;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.codecs.CborCodec;
import org.jbilliard.codecs.PickleCodec;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * Java and Python participants on one Redis queue, on a real redis-server: producers in one
 * language and consumers in the other, a JoinableQueue with workers in both and join() from either,
 * a bounded queue whose full()/qsize() both languages agree on, and the codec check of both.
 */
class PolyglotQueueTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private RedisContext ctx;
    private final List<PythonPeer> peers = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void context() {
        ctx = new RedisContext(REDIS.server().config());
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        peers.forEach(PythonPeer::close);
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private PythonPeer peer(PythonPeer peer) {
        peers.add(peer);
        return peer;
    }

    private static Map<String, Object> item(String producer, int seq) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("producer", producer);
        item.put("seq", seq);
        return item;
    }

    /** Every item exactly once overall, and each producer's items in order within each consumer. */
    private static void assertExactlyOnceInOrder(List<List<Map<?, ?>>> perConsumer, Map<String, Integer> produced) {
        Map<String, List<Integer>> seen = new HashMap<>();
        for (List<Map<?, ?>> consumer : perConsumer) {
            Map<String, Integer> last = new HashMap<>();
            for (Map<?, ?> item : consumer) {
                String producer = (String) item.get("producer");
                int seq = ((Number) item.get("seq")).intValue();
                Integer previous = last.put(producer, seq);
                assertThat(previous == null || previous < seq).as("%s's items in order within a consumer", producer)
                        .isTrue();
                seen.computeIfAbsent(producer, p -> new ArrayList<>()).add(seq);
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(produced.keySet());
        produced.forEach((producer, n) -> assertThat(seen.get(producer)).as(producer)
                .hasSize(n).doesNotHaveDuplicates().allMatch(seq -> seq >= 0 && seq < n));
    }

    private static List<Map<?, ?>> items(JsonNode list) {
        List<Map<?, ?>> out = new ArrayList<>();
        list.forEach(node -> out.add(PythonPeer.JSON.convertValue(node, Map.class)));
        return out;
    }

    @Test
    void aJavaProducerAndTwoPythonConsumers() throws Exception {
        Queue<Object> q = ctx.queue(0, new CborCodec());
        PythonPeer first = peer(PythonPeer.attach("queue", q.address()));
        PythonPeer second = peer(PythonPeer.attach("queue", q.address()));
        first.send("drain 30");
        second.send("drain 30");
        int n = 200;
        for (int i = 0; i < n; i++) {
            q.put(item("java", i));
        }
        q.put(null);
        q.put(null);
        List<Map<?, ?>> a = items(first.reply(Duration.ofSeconds(60)));
        List<Map<?, ?>> b = items(second.reply(Duration.ofSeconds(60)));
        assertExactlyOnceInOrder(List.of(a, b), Map.of("java", n));
        assertThat(q.qsize()).isZero();
        q.close();
    }

    @Test
    void twoPythonProducersOnAQueuePythonCreatedAndTwoJavaConsumers() throws Exception {
        PythonPeer creator = peer(PythonPeer.create("queue", REDIS.server().uri(), 0, "cbor"));
        Queue<Object> q = ctx.attachQueue(creator.address());
        PythonPeer other = peer(PythonPeer.attach("queue", creator.address()));
        List<Future<List<Map<?, ?>>>> consumers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            consumers.add(threads.submit(() -> {
                List<Map<?, ?>> got = new ArrayList<>();
                for (Object item; (item = q.get(Duration.ofSeconds(30))) != null; ) {
                    got.add((Map<?, ?>) item);
                }
                return got;
            }));
        }
        int n = 150;
        creator.send("produce py-a " + n);
        other.send("produce py-b " + n);
        assertThat(creator.reply(Duration.ofSeconds(60)).asText()).isEqualTo("ok");
        assertThat(other.reply(Duration.ofSeconds(60)).asText()).isEqualTo("ok");
        creator.call("put null");
        other.call("put null");
        List<List<Map<?, ?>>> got = new ArrayList<>();
        for (Future<List<Map<?, ?>>> consumer : consumers) {
            got.add(consumer.get(60, TimeUnit.SECONDS));
        }
        assertExactlyOnceInOrder(got, Map.of("py-a", n, "py-b", n));
        q.close();
    }

    @Test
    void aJoinableQueueWithWorkersInBothLanguagesJoinedFromEither() throws Exception {
        JoinableQueue<Object> q = ctx.joinableQueue(0, new CborCodec());
        PythonPeer joiner = peer(PythonPeer.attach("joinable", q.address()));
        int n = 60;
        for (int i = 0; i < n; i++) {
            q.put(item("java", i));
        }
        // Nothing is done yet: both languages see unfinished tasks.
        assertThat(q.join(Duration.ofMillis(200))).isFalse();
        assertThat(joiner.call("join 0.2").asBoolean()).isFalse();

        PythonPeer pythonWorker = peer(PythonPeer.attach("joinable", q.address()));
        pythonWorker.send("work 30");
        Future<List<Map<?, ?>>> javaWorker = threads.submit(() -> {
            List<Map<?, ?>> got = new ArrayList<>();
            while (true) {
                Object item = q.get(Duration.ofSeconds(30));
                q.taskDone();
                if (item == null) {
                    return got;
                }
                got.add((Map<?, ?>) item);
            }
        });
        joiner.send("join 60");
        q.put(null);
        q.put(null);
        assertThat(q.join(Duration.ofSeconds(60))).as("Java's join").isTrue();
        assertThat(joiner.reply(Duration.ofSeconds(60)).asBoolean()).as("Python's join").isTrue();
        List<Map<?, ?>> fromPython = items(pythonWorker.reply(Duration.ofSeconds(60)));
        List<Map<?, ?>> fromJava = javaWorker.get(60, TimeUnit.SECONDS);
        assertExactlyOnceInOrder(List.of(fromPython, fromJava), Map.of("java", n));
        // Both workers' task_done calls counted: one more is one too many, in either language.
        assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class)
                .hasMessage("task_done() called too many times");
        assertThat(joiner.callFailing("task_done", "ValueError").get("message").asText())
                .isEqualTo("task_done() called too many times");
        q.close();
    }

    @Test
    void aBoundedQueueFilledFromJavaDrainedFromPythonWithFullAndQsizeAgreeing() throws Exception {
        Queue<Object> q = ctx.queue(4, new CborCodec());
        for (int i = 0; i < 4; i++) {
            q.put(i);
        }
        assertThatThrownBy(() -> q.putNowait(99)).isInstanceOf(Full.class);
        PythonPeer python = peer(PythonPeer.attach("queue", q.address()));
        assertThat(python.call("maxsize").asInt()).isEqualTo(4);
        assertThat(q.full()).isTrue();
        assertThat(python.call("full").asBoolean()).isTrue();
        assertThat(python.call("qsize").asInt()).isEqualTo(4).isEqualTo(q.qsize());
        python.callFailing("put_nowait 99", "Full");

        assertThat(python.call("get 5").get("item").asInt()).isZero();
        assertThat(q.full()).isFalse();
        assertThat(python.call("full").asBoolean()).isFalse();
        assertThat(q.qsize()).isEqualTo(3);
        assertThat(python.call("qsize").asInt()).isEqualTo(3);

        q.putNowait(4); // the slot Python freed is Java's to use
        assertThat(python.call("full").asBoolean()).isTrue();
        assertThat(q.full()).isTrue();
        for (int expected = 1; expected <= 4; expected++) {
            assertThat(python.call("get_nowait").get("item").asInt()).isEqualTo(expected);
            assertThat(python.call("qsize").asInt()).isEqualTo(4 - expected).isEqualTo(q.qsize());
        }
        assertThat(q.empty()).isTrue();
        assertThat(python.call("empty").asBoolean()).isTrue();
        python.callFailing("get_nowait", "Empty");
        q.close();
    }

    private static void awaitBlockedInBlmove(String who) {
        try (Jedis inspector = new Jedis("127.0.0.1", REDIS.server().port())) {
            await(who + " waiting in BLMOVE").atMost(Duration.ofSeconds(20))
                    .until(() -> inspector.clientList().contains("cmd=blmove"));
        }
    }

    @Test
    void aPutBlockedOnAFullQueueIsWokenByAGetInTheOtherLanguage() throws Exception {
        Queue<Object> q = ctx.queue(1, new CborCodec());
        q.put("first");
        PythonPeer python = peer(PythonPeer.attach("queue", q.address()));
        python.send("put \"from python\"");           // blocks: the queue is full
        awaitBlockedInBlmove("Python's put");
        assertThat(q.full()).isTrue();
        assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("first");
        assertThat(python.reply(Duration.ofSeconds(20)).asText()).isEqualTo("ok");
        assertThat(q.full()).isTrue();

        Future<?> javaPut = threads.submit(() -> {
            q.put("from java", Duration.ofSeconds(20));
            return null;
        });
        awaitBlockedInBlmove("Java's put");
        assertThat(python.call("get 5").get("item").asText()).isEqualTo("from python");
        javaPut.get(30, TimeUnit.SECONDS);
        assertThat(python.call("get 5").get("item").asText()).isEqualTo("from java");
        assertThat(q.qsize()).isZero();
        q.close();
    }

    @Test
    void anItemThatCannotBeEncodedFailsAtPutInBothLanguagesWithNothingEnqueued() throws Exception {
        Queue<Object> q = ctx.queue(0, new CborCodec());
        PythonPeer python = peer(PythonPeer.attach("queue", q.address()));
        assertThatThrownBy(() -> q.put("lone \uD800")).isInstanceOf(CodecException.class)
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> q.put(List.of(1, java.util.Optional.of(2)))).isInstanceOf(CodecException.class)
                .hasMessageContaining("Optional");
        python.callFailing("put \"lone \\ud800\"", "ValueError");
        python.callFailing("put " + "[".repeat(260) + "]".repeat(260), "ValueError"); // deeper than 250 levels
        assertThat(q.qsize()).isZero();
        assertThat(python.call("qsize").asInt()).isZero();
        // The queue is unharmed: what can be encoded still crosses, integers beyond 64 bits included.
        python.call("put [18446744073709551616, -18446744073709551617]");
        assertThat(q.get(Duration.ofSeconds(5))).isEqualTo(List.of(new java.math.BigInteger("18446744073709551616"),
                new java.math.BigInteger("-18446744073709551617")));
        q.close();
    }

    @Test
    void aCodecMismatchIsRefusedInBothLanguages() throws Exception {
        Queue<Object> cbor = ctx.queue(0, new CborCodec());
        JsonNode refused = PythonPeer.failingAttach("queue", cbor.address(), "pickle");
        assertThat(refused.path("error").asText()).isEqualTo("ValueError");
        assertThat(refused.path("message").asText()).contains("uses the codec 'cbor'", "brings 'pickle'");

        // A queue with Java's own codec cannot be read from Python: refused by name.
        Queue<Object> javaOnly = ctx.queue();
        JsonNode unreadable = PythonPeer.failingAttach("queue", javaOnly.address(), null);
        assertThat(unreadable.path("error").asText()).isEqualTo("ValueError");
        assertThat(unreadable.path("message").asText()).contains("cannot be read from Python");

        // Java refuses alike: a handle that brings another codec than the queue records.
        assertThatThrownBy(() -> ctx.attachQueue(cbor.address(), new PickleCodec()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses the codec cbor", "brings pickle");

        // A queue Python created with pickle: Java does not find the pickle codec by itself (unpickling
        // runs code: opt-in), and attaches when it names the codec.
        PythonPeer creator = peer(PythonPeer.create("queue", REDIS.server().uri(), 0, "pickle"));
        creator.call("put [1, \"two\"]");
        assertThatThrownBy(() -> ctx.attachQueue(creator.address()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pickle'");
        Queue<Object> pickled = ctx.attachQueue(creator.address(), new PickleCodec());
        assertThat(pickled.get(Duration.ofSeconds(5))).isEqualTo(List.of(1, "two"));
        // ... and Java's queue kinds are checked as Python's are.
        assertThatThrownBy(() -> ctx.attachJoinableQueue(creator.address()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a joinable");
        cbor.close();
        javaOnly.close();
        pickled.close();
    }
}
