package org.jbilliard.redis.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import static redis.clients.jedis.args.ListDirection.LEFT;
import static redis.clients.jedis.args.ListDirection.RIGHT;

/**
 * The protocol's scripts driven directly, as a client in another language drives them (from the
 * resource folder, by name): the slot invariant, replay of a retried call, fencing of a lapsed
 * handle, and the reaper's give-back. No Java queue class is involved.
 */
class ProtocolScriptsTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private RedisClient redis;
    private static final String ID = "prototest";
    private static final String P = "jbq:{" + ID + "}:";
    private static final String META = P + "meta";

    @BeforeEach
    void connect() {
        redis = RedisClient.create("127.0.0.1", REDIS.server().port());
        redis.flushAll();
    }

    @AfterEach
    void disconnect() {
        redis.close();
    }

    private static String script(String name) {
        try (InputStream in = ProtocolScriptsTest.class.getResourceAsStream("/org/jbilliard/redis/lua/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> run(String name, Object... args) {
        List<String> a = new ArrayList<>();
        for (Object o : args) {
            a.add(String.valueOf(o));
        }
        Object r = redis.eval(script(name), List.of(META), a);
        List<Object> reply = r instanceof List ? (List<Object>) r : List.of(r);
        if (name.equals("get.lua") && reply.equals(List.of(0L))) {
            // the item is not in the script's reply but in got:<h> (a client reads it in the same MULTI)
            return List.of(0L, redis.lindex(P + "got:" + args[0], 0));
        }
        return reply;
    }

    private static String text(Object bulk) {
        return bulk instanceof byte[] ? new String((byte[]) bulk, StandardCharsets.UTF_8) : (String) bulk;
    }

    private static long code(List<Object> r) {
        return (Long) r.get(0);
    }

    private long slotsAccountedFor(String... handles) {
        long n = redis.llen(P + "slots") + Long.parseLong(redis.hget(META, "spare")) + redis.llen(P + "items");
        for (String h : handles) {
            n += redis.llen(P + "held:" + h) + redis.llen(P + "proc:" + h);
        }
        return n;
    }

    @Test
    void boundedQueueKeepsTheSlotInvariantThroughPutsGetsAndBlockingMoves() {
        assertThat(code(run("create.lua", "a", "queue", 3, "cbor", 3000, 60000, "test"))).isZero();
        assertThat(code(run("attach.lua", "b", "queue", 3000))).isZero();
        assertThat(slotsAccountedFor("a", "b")).isEqualTo(3);
        assertThat(code(run("put.lua", "a", 1, "x1"))).isZero();
        assertThat(code(run("put.lua", "a", 2, "x2"))).isZero();
        assertThat(code(run("put.lua", "a", 3, "x3"))).isZero();
        assertThat(code(run("put.lua", "a", 4, "x4"))).as("full").isEqualTo(1);
        assertThat(slotsAccountedFor("a", "b")).isEqualTo(3);
        // a blocked getter's BLMOVE, then its commit
        assertThat(redis.lmove(P + "items", P + "proc:b", LEFT,
                RIGHT)).isEqualTo("x1");
        assertThat(slotsAccountedFor("a", "b")).isEqualTo(3);
        List<Object> got = run("get.lua", "b", 1);
        assertThat(text(got.get(1))).isEqualTo("x1");
        // a blocked putter's BLMOVE of the freed token, then its commit
        assertThat(redis.lmove(P + "slots", P + "held:a", LEFT,
                RIGHT)).isEqualTo("1");
        assertThat(slotsAccountedFor("a", "b")).isEqualTo(3);
        assertThat(code(run("put.lua", "a", 5, "x4"))).isZero();
        assertThat(redis.llen(P + "held:a")).isZero();
        assertThat(slotsAccountedFor("a", "b")).isEqualTo(3);
        assertThat(redis.lrange(P + "items", 0, -1)).containsExactly("x2", "x3", "x4");
    }

    @Test
    void aRetriedCallWithTheSameSequenceNumberIsReplayedNotRepeated() {
        run("create.lua", "a", "joinable", 0, "cbor", 3000, 60000, "test");
        assertThat(code(run("put.lua", "a", 7, "once"))).isZero();
        assertThat(code(run("put.lua", "a", 7, "once"))).as("replayed put").isZero();
        assertThat(redis.llen(P + "items")).isEqualTo(1);
        assertThat(redis.get(P + "unfinished")).isEqualTo("1");
        List<Object> first = run("get.lua", "a", 8);
        List<Object> replay = run("get.lua", "a", 8);
        assertThat(text(replay.get(1))).isEqualTo(text(first.get(1))).isEqualTo("once");
        assertThat(code(run("get.lua", "a", 9))).as("nothing left").isEqualTo(1);
        assertThat(code(run("task_done.lua", "a", 10))).isZero();
        assertThat(code(run("task_done.lua", "a", 10))).as("replayed task_done").isZero();
        assertThat(redis.get(P + "unfinished")).isEqualTo("0");
        assertThat(redis.llen(P + "unfinished:zero")).isEqualTo(1);
        assertThat(code(run("task_done.lua", "a", 11))).as("too many").isEqualTo(1);
    }

    @Test
    void aLapsedHandleIsFencedAndWhatItHeldGoesBackBeforeItMayContinue() {
        run("create.lua", "slow", "queue", 2, "cbor", 3000, 60000, "test");
        run("attach.lua", "fast", "queue", 3000);
        run("put.lua", "fast", 1, "first");
        run("put.lua", "fast", 2, "second");
        // the slow handle's BLMOVE took the first item, then the process stalled past its lease
        redis.lmove(P + "items", P + "proc:slow", LEFT,
                RIGHT);
        redis.zadd(P + "handles", 0, "slow");
        assertThat(code(run("get.lua", "slow", 1))).as("commit of a lapsed handle").isEqualTo(-2);
        assertThat(code(run("put.lua", "slow", 2, "late"))).as("put of a lapsed handle").isEqualTo(-2);
        assertThat((Long) run("reap.lua", 10).get(0)).isEqualTo(1);
        assertThat(redis.lrange(P + "items", 0, -1)).as("given back to the head").containsExactly("first", "second");
        assertThat(redis.zscore(P + "handles", "slow")).isNull();
        assertThat(slotsAccountedFor("slow", "fast")).isEqualTo(2);
        // the slow process wakes up: it must renew (which gives back nothing more) before it may act
        assertThat(run("lease.lua", 3000, 60000, "slow")).containsExactly(1L);
        assertThat(text(run("get.lua", "slow", 1).get(1))).isEqualTo("first");
    }

    @Test
    void leaseRenewalOfALapsedHandleGivesBackItsHeldToken() {
        run("create.lua", "p", "queue", 1, "cbor", 3000, 60000, "test");
        redis.lmove(P + "slots", P + "held:p", LEFT,
                RIGHT);
        redis.zadd(P + "handles", 0, "p");
        assertThat(run("lease.lua", 3000, 60000, "p")).containsExactly(1L);
        assertThat(redis.llen(P + "held:p")).isZero();
        assertThat(redis.llen(P + "slots")).isEqualTo(1);
        assertThat(run("lease.lua", 3000, 60000, "p")).as("a live handle is just refreshed").containsExactly(0L);
    }

    @Test
    void closeOfTheLastHandleDeletesEveryKeyAndAttachThenFails() {
        run("create.lua", "a", "queue", 2, "cbor", 3000, 60000, "test");
        run("attach.lua", "b", "queue", 3000);
        run("put.lua", "a", 1, "x");
        assertThat(run("close.lua", "a")).containsExactly(0L);
        assertThat(run("close.lua", "b")).containsExactly(1L);
        assertThat(redis.keys("jbq:{" + ID + "}*")).isEmpty();
        assertThat(run("attach.lua", "c", "queue", 3000)).containsExactly(-1L);
    }

    @Test
    void attachRefusesAnotherKind() {
        run("create.lua", "a", "simple", 0, "cbor", 3000, 60000, "test");
        List<Object> r = run("attach.lua", "b", "queue", 3000);
        assertThat(code(r)).isEqualTo(-3);
        assertThat(text(r.get(1))).isEqualTo("simple");
    }

    @Test
    void aLargeBoundMaterializesOnlySomeTokensAndStillCountsEverySlot() {
        run("create.lua", "a", "queue", 5_000_000, "cbor", 3000, 60000, "test");
        assertThat(redis.llen(P + "slots")).isEqualTo(1024);
        assertThat(slotsAccountedFor("a")).isEqualTo(5_000_000);
        for (int i = 1; i <= 1030; i++) {
            assertThat(code(run("put.lua", "a", i, "x" + i))).isZero();
        }
        assertThat(slotsAccountedFor("a")).isEqualTo(5_000_000);
    }
}
