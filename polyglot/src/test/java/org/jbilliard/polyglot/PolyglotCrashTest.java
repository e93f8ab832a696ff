package org.jbilliard.polyglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Queue;
import org.jbilliard.codecs.CborCodec;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * A consumer killed right after the server handed it an item, before it acknowledged it, in one
 * language; a consumer in the other language gets the item once the dead one's lease lapses.
 *
 * <p>"Right after taking": the victim blocks in {@code BLMOVE items proc:<h>} with a long slice; the
 * test stops it with SIGSTOP, puts the item, waits until the server has moved it into the victim's
 * {@code proc:<h>} (taken: no longer in {@code items}), then SIGKILLs it. No test hook in the clients.
 */
class PolyglotCrashTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private RedisContext ctx;
    private Jedis inspector;

    @BeforeEach
    void context() {
        ctx = new RedisContext(REDIS.server().config());
        inspector = new Jedis("127.0.0.1", REDIS.server().port());
    }

    @AfterEach
    void close() {
        inspector.close();
    }

    private static String id(String address) {
        return address.substring(address.indexOf("#jbq=") + 5);
    }

    private void awaitBlockedInBlmove() {
        await("a client blocked in BLMOVE").atMost(Duration.ofSeconds(20))
                .until(() -> inspector.clientList().contains("cmd=blmove"));
    }

    /** Waits until the item left {@code items} for some handle's {@code proc:<h>}, and returns that key. */
    private String awaitTakenIntoProc(String address) {
        String prefix = "jbq:{" + id(address) + "}:";
        await("the item moved into the victim's proc list").atMost(Duration.ofSeconds(20))
                .until(() -> inspector.keys(prefix + "proc:*").stream().anyMatch(k -> inspector.llen(k) == 1));
        assertThat(inspector.llen(prefix + "items")).as("taken: no longer in items").isZero();
        return inspector.keys(prefix + "proc:*").iterator().next();
    }

    @Test
    void aPythonConsumerKilledAfterTakingAnItemIsRecoveredByAJavaConsumer() throws Exception {
        Queue<Object> q = ctx.queue(0, new CborCodec());
        try (PythonPeer victim = PythonPeer.attach("queue", q.address(), null, Map.of("JBILLIARD_BLOCK_SLICE", "10"))) {
            victim.send("get 60");
            awaitBlockedInBlmove();
            victim.stop();
            q.put(List.of("precious", 1));
            String proc = awaitTakenIntoProc(q.address());
            victim.kill();
            assertThat(inspector.llen(proc)).as("still held by the dead handle").isEqualTo(1);
        }
        long start = System.nanoTime();
        assertThat(q.get(Duration.ofSeconds(20))).isEqualTo(List.of("precious", 1));
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Given back by the reaper after the 3 s lease lapsed, not before.
        assertThat(waitedMs).isBetween(500L, 15_000L);
        assertThat(q.qsize()).isZero();
        q.close();
    }

    @Test
    void aJavaConsumerKilledAfterTakingAnItemIsRecoveredByAPythonConsumer() throws Exception {
        PythonPeer owner = PythonPeer.create("queue", REDIS.server().uri(), 0, "cbor");
        try (owner) {
            String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            Process victim = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    JavaConsumerMain.class.getName(), REDIS.server().uri(), owner.address())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8));
                CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, r -> new Thread(r, "victim-output").start());
                assertThat(firstLine.get(60, TimeUnit.SECONDS)).isEqualTo("waiting");
                awaitBlockedInBlmove();
                Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(victim.pid())).inheritIO().start();
                assertThat(stop.waitFor(10, TimeUnit.SECONDS) && stop.exitValue() == 0).isTrue();
                owner.call("put [\"precious\", 2]");
                awaitTakenIntoProc(owner.address());
                victim.destroyForcibly();
                assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                victim.destroyForcibly();
                victim.waitFor(10, TimeUnit.SECONDS);
            }
            long start = System.nanoTime();
            assertThat(owner.call("get 20", Duration.ofSeconds(40)).get("item").toString()).isEqualTo("[\"precious\",2]");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(500L, 15_000L);
            assertThat(owner.call("qsize").asInt()).isZero();
            owner.call("close");
        }
    }
}
