package org.jbilliard.tck.rules;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.TckSubject;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Bounded;
import org.jbilliard.tck.support.Items;
import org.jbilliard.tck.support.Outcome;

/**
 * The TCK's jqwik properties: stateful action sequences against a model (shrinking to a minimal failing
 * sequence) and round trips of generated items of every codec fast-path type and of serializable graphs.
 */
public class QueueProperties {

    /** Creates the properties. */
    public QueueProperties() {
    }

    private static Context ctx() {
        return TckSubject.context();
    }

    private static void runChain(ActionChain<QueueModel> chain) {
        try {
            chain.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; actions: " + chain.transformations(), e.getCause());
        } finally {
            chain.finalState().ifPresent(QueueModel::close);
        }
    }

    /**
     * Q-MODEL-01.
     *
     * @param chain the generated actions
     */
    @Property(tries = 60)
    @Verifies(Rule.Q_MODEL_01)
    @Label("Q-MODEL-01 random action sequences on a bounded Queue match a model")
    public void queueMatchesModel(@ForAll("queueChains") ActionChain<QueueModel> chain) {
        runChain(chain);
    }

    /**
     * The actions of {@link #queueMatchesModel}.
     *
     * @return the chains
     */
    @Provide
    Arbitrary<ActionChain<QueueModel>> queueChains() {
        return Arbitraries.integers().between(1, 4).flatMap(maxsize ->
                ActionChain.startWith(() -> QueueModel.queue(ctx(), maxsize))
                        .withAction(3, Action.<QueueModel>when(m -> !m.isFull()).describeAs("put").justMutate(QueueModel::put))
                        .withAction(2, Action.<QueueModel>builder().describeAs("putNowait").justMutate(QueueModel::putNowait))
                        .withAction(Action.<QueueModel>builder().describeAs("put(0ms)").justMutate(QueueModel::putZeroTimeout))
                        .withAction(Action.<QueueModel>builder().describeAs("put(1ms)").justMutate(QueueModel::putShortTimeout))
                        .withAction(2, Action.<QueueModel>when(m -> !m.isEmpty()).describeAs("get").justMutate(QueueModel::get))
                        .withAction(2, Action.<QueueModel>builder().describeAs("getNowait").justMutate(QueueModel::getNowait))
                        .withAction(Action.<QueueModel>builder().describeAs("get(0ms)").justMutate(QueueModel::getZeroTimeout))
                        .withAction(Action.<QueueModel>builder().describeAs("qsize").justMutate(QueueModel::qsize))
                        .withAction(Action.<QueueModel>builder().describeAs("empty").justMutate(QueueModel::empty))
                        .withAction(Action.<QueueModel>builder().describeAs("full").justMutate(QueueModel::full))
                        .withMaxTransformations(25));
    }

    /**
     * JQ-MODEL-01.
     *
     * @param chain the generated actions
     */
    @Property(tries = 60)
    @Verifies(Rule.JQ_MODEL_01)
    @Label("JQ-MODEL-01 random action sequences on a JoinableQueue match a model")
    public void joinableMatchesModel(@ForAll("joinableChains") ActionChain<QueueModel> chain) {
        runChain(chain);
    }

    /**
     * The actions of {@link #joinableMatchesModel}.
     *
     * @return the chains
     */
    @Provide
    Arbitrary<ActionChain<QueueModel>> joinableChains() {
        return Arbitraries.integers().between(1, 3).flatMap(maxsize ->
                ActionChain.startWith(() -> QueueModel.joinable(ctx(), maxsize))
                        .withAction(3, Action.<QueueModel>when(m -> !m.isFull()).describeAs("put").justMutate(QueueModel::put))
                        .withAction(Action.<QueueModel>builder().describeAs("putNowait").justMutate(QueueModel::putNowait))
                        .withAction(2, Action.<QueueModel>when(m -> !m.isEmpty()).describeAs("get").justMutate(QueueModel::get))
                        .withAction(Action.<QueueModel>builder().describeAs("getNowait").justMutate(QueueModel::getNowait))
                        .withAction(3, Action.<QueueModel>when(QueueModel::canTaskDone).describeAs("taskDone")
                                .justMutate(QueueModel::taskDone))
                        .withAction(Action.<QueueModel>when(QueueModel::allDone).describeAs("taskDone(too many)")
                                .justMutate(QueueModel::taskDoneTooOften))
                        .withAction(2, Action.<QueueModel>builder().describeAs("join(0ms)").justMutate(QueueModel::joinNow))
                        .withAction(Action.<QueueModel>builder().describeAs("qsize").justMutate(QueueModel::qsize))
                        .withMaxTransformations(25));
    }

    private static void assertRoundTrip(String via, Object sent, Object got) {
        if (!Items.equivalent(sent, got)) {
            throw new AssertionError(via + " changed the item: sent " + Items.describe(sent) + ", got "
                    + Items.describe(got));
        }
    }

    private static Object throughQueue(Object item) {
        Duration limit = TckEnvironment.current().operationLimit();
        Queue<Object> q = ctx().queue(0);
        try {
            Outcome<Object> outcome = Bounded.outcome("put then get(" + Items.describe(item) + ")", limit, () -> {
                q.put(item);
                return q.get(limit);
            });
            if (outcome.thrown() != null) {
                throw new AssertionError("round trip of " + Items.describe(item) + " through a Queue failed: "
                        + outcome.describe(), outcome.thrown());
            }
            return outcome.value();
        } finally {
            q.close();
        }
    }

    /**
     * Q-CODEC-01.
     *
     * @param item a generated item of a fast-path type
     */
    @Property(tries = 300)
    @Verifies(Rule.Q_CODEC_01)
    @Label("Q-CODEC-01 every codec fast-path type round-trips through a Queue")
    public void fastPathItemsRoundTrip(@ForAll("fastPath") Object item) {
        assertRoundTrip("a Queue", item, throughQueue(item));
    }

    /**
     * Q-CODEC-02.
     *
     * @param item a generated object graph
     */
    @Property(tries = 100)
    @Verifies(Rule.Q_CODEC_02)
    @Label("Q-CODEC-02 Serializable object graphs round-trip through a Queue")
    public void graphsRoundTrip(@ForAll("graphs") Object item) {
        assertRoundTrip("a Queue", item, throughQueue(item));
    }

    /**
     * SQ-CODEC-01.
     *
     * @param item a generated item of a fast-path type
     */
    @Property(tries = 200)
    @Verifies(Rule.SQ_CODEC_01)
    @Label("SQ-CODEC-01 every codec fast-path type round-trips through a SimpleQueue")
    public void fastPathItemsThroughSimpleQueue(@ForAll("fastPath") Object item) {
        Duration limit = TckEnvironment.current().operationLimit();
        SimpleQueue<Object> q = ctx().simpleQueue();
        try {
            Outcome<Object> outcome = Bounded.outcome("SimpleQueue put then get", limit, () -> {
                q.put(item);
                return q.get();
            });
            if (outcome.thrown() != null) {
                throw new AssertionError("round trip of " + Items.describe(item) + " through a SimpleQueue failed: "
                        + outcome.describe(), outcome.thrown());
            }
            assertRoundTrip("a SimpleQueue", item, outcome.value());
        } finally {
            q.close();
        }
    }

    /**
     * SQ-PAYLOAD-01.
     *
     * @param payload generated bytes
     */
    @Property(tries = 200)
    @Verifies(Rule.SQ_PAYLOAD_01)
    @Label("SQ-PAYLOAD-01 sendPayload then getPayload returns the bytes unchanged")
    public void payloadsRoundTrip(@ForAll("payloads") byte[] payload) {
        Duration limit = TckEnvironment.current().operationLimit();
        SimpleQueue<Object> q = ctx().simpleQueue();
        try {
            byte[] sent = payload.clone();
            Outcome<byte[]> outcome = Bounded.outcome("sendPayload then getPayload", limit, () -> {
                q.sendPayload(payload);
                Arrays.fill(payload, (byte) 0x5a);
                return q.getPayload();
            });
            if (outcome.thrown() != null) {
                throw new AssertionError("payload round trip of " + sent.length + " bytes failed: " + outcome.describe(),
                        outcome.thrown());
            }
            if (!Arrays.equals(sent, outcome.value())) {
                throw new AssertionError("getPayload() returned other bytes than were sent (BEHAVIOUR row 17): sent "
                        + Items.describe(sent) + ", got " + Items.describe(outcome.value()));
            }
        } finally {
            q.close();
        }
    }

    /** @return items of every fast-path type */
    @Provide
    Arbitrary<Object> fastPath() {
        return Items.fastPath();
    }

    /** @return serializable object graphs */
    @Provide
    Arbitrary<Object> graphs() {
        return Items.graphs();
    }

    /** @return byte arrays, empty included */
    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.oneOf(Items.byteArrays(), Arbitraries.just(new byte[0]),
                Items.byteArrays().map(b -> ByteBuffer.allocate(b.length + 5000).put(b).array()));
    }
}
