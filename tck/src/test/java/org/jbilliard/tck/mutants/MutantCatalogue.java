package org.jbilliard.tck.mutants;

import java.util.List;
import org.jbilliard.tck.Rule;

/**
 * Every mutant with the rules that must catch it and what their failure message must say. The structural
 * self-test checks that every rule is killed by at least one mutant here (or is listed, with a reason, in
 * {@link #EXEMPT}).
 */
public final class MutantCatalogue {

    private MutantCatalogue() {
    }

    /**
     * Rules no mutant of the in-JVM implementation can break, with the reason.
     */
    public static final java.util.Map<Rule, String> EXEMPT = java.util.Map.of();

    /**
     * Returns every mutant case.
     *
     * @return the catalogue
     */
    public static List<MutantCase> all() {
        return List.of(
                MutantCase.of(QueueMutants.DropsItem.class, "drops every third item put",
                        QueueMutants.DropsItem::new)
                        .killedBy(Rule.Q_PUT_01, "with an item put before"),
                MutantCase.of(QueueMutants.Reorders.class, "swaps the first two available items on get",
                        QueueMutants.Reorders::new)
                        .killedBy(Rule.Q_PUT_01, "in order"),
                MutantCase.of(QueueMutants.IgnoresMaxsize.class, "never bounds the queue",
                        QueueMutants.IgnoresMaxsize::new)
                        .killedBy(Rule.Q_PUTNOWAIT_01, "to throw Full")
                        .killedBy(Rule.Q_PUT_02, "returned without waiting")
                        .killedBy(Rule.Q_FULL_01, "full() with 3 of 3 items")
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "to throw Full")
                        .killedBy(Rule.Q_PUT_TIMEOUT_02, "to throw Full at once")
                        .killedBy(Rule.Q_PUT_03, "to throw Full")
                        .killedBy(Rule.Q_INT_01, "should have blocked")
                        .killedBy(Rule.Q_INT_02, "should have blocked"),
                MutantCase.of(QueueMutants.NeverFull.class, "putNowait on a full queue drops the item silently",
                        QueueMutants.NeverFull::new)
                        .killedBy(Rule.Q_PUTNOWAIT_01, "to throw Full")
                        .killedBy(Rule.Q_EXC_01, "to throw Full"),
                MutantCase.of(QueueMutants.NeverEmpty.class, "getNowait on an empty queue returns null",
                        QueueMutants.NeverEmpty::new)
                        .killedBy(Rule.Q_GETNOWAIT_01, "to throw Empty at once")
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "to throw Empty")
                        .killedBy(Rule.Q_GET_TIMEOUT_02, "to throw Empty at once")
                        .killedBy(Rule.Q_GET_02, "to throw Empty"),
                MutantCase.of(QueueMutants.IgnoresTimeouts.class, "timed get/put give up at once",
                        QueueMutants.IgnoresTimeouts::new)
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "lower bound")
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "lower bound"),
                MutantCase.of(QueueMutants.OversleepsTimeouts.class, "timed get/put wait far past the timeout",
                        QueueMutants.OversleepsTimeouts::new)
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "upper bound")
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "upper bound"),
                MutantCase.of(QueueMutants.HangsInGetNowait.class, "getNowait waits for an item",
                        QueueMutants.HangsInGetNowait::new)
                        .killedBy(Rule.Q_GETNOWAIT_01, "did not return within"),
                MutantCase.of(QueueMutants.ZeroTimeoutAlwaysEmpty.class,
                        "get(timeout <= 0) raises Empty with an item available (pre bpo-30595)",
                        QueueMutants.ZeroTimeoutAlwaysEmpty::new)
                        .killedBy(Rule.Q_GET_TIMEOUT_03, "BEHAVIOUR row 4"),
                MutantCase.of(QueueMutants.DropsNull.class, "put(null) is ignored", QueueMutants.DropsNull::new)
                        .killedBy(Rule.Q_NULL_01, "full() with null"),
                MutantCase.of(QueueMutants.AcceptsNullTimeout.class, "a null timeout means wait forever",
                        QueueMutants.AcceptsNullTimeout::new)
                        .killedBy(Rule.Q_NULL_02, "NullPointerException"),
                MutantCase.of(QueueMutants.EmptyLies.class, "empty() is always false", QueueMutants.EmptyLies::new)
                        .killedBy(Rule.Q_EMPTY_01, "empty() of a new queue"),
                MutantCase.of(QueueMutants.QsizeOffByOne.class, "qsize() is one too high",
                        QueueMutants.QsizeOffByOne::new)
                        .killedBy(Rule.Q_QSIZE_01, "qsize() right after 1 puts"),
                MutantCase.of(QueueMutants.LazyFeeder.class, "items become visible 30 ms after put returned",
                        QueueMutants.LazyFeeder::new)
                        .killedBy(Rule.Q_VISIBLE_01, "BEHAVIOUR row 6"),
                MutantCase.of(QueueMutants.SilentFull.class, "Full has no message naming the bound",
                        QueueMutants.SilentFull::new)
                        .killedBy(Rule.Q_EXC_01, "Full message"),
                MutantCase.of(QueueMutants.CloseIsNoop.class, "close() leaves the handle usable",
                        QueueMutants.CloseIsNoop::new)
                        .killedBy(Rule.Q_CLOSED_01, "QueueClosedException"),
                MutantCase.of(QueueMutants.JoinThreadWithoutClose.class, "joinThread() accepted before close()",
                        QueueMutants.JoinThreadWithoutClose::new)
                        .killedBy(Rule.Q_JOINTHREAD_01, "IllegalStateException"),
                MutantCase.of(QueueMutants.CancelJoinHangs.class, "joinThread() hangs after cancelJoinThread()",
                        QueueMutants.CancelJoinHangs::new)
                        .killedBy(Rule.Q_CANCELJOIN_01, "did not return within"),
                MutantCase.of(QueueMutants.SwallowsInterruptInPut.class, "put() retries after an interrupt",
                        QueueMutants.SwallowsInterruptInPut::new)
                        .killedBy(Rule.Q_INT_01, "ignored the interrupt"),
                MutantCase.of(QueueMutants.InterruptAsFull.class, "put(timeout) reports an interrupt as Full",
                        QueueMutants.InterruptAsFull::new)
                        .killedBy(Rule.Q_INT_02, "should make it throw InterruptedException"),
                MutantCase.of(QueueMutants.LeavesInterruptStatus.class, "get() leaves the interrupt status set",
                        QueueMutants.LeavesInterruptStatus::new)
                        .killedBy(Rule.Q_INT_03, "left the interrupt status set"),
                MutantCase.of(QueueMutants.InterruptAsEmpty.class, "get(timeout) reports an interrupt as Empty",
                        QueueMutants.InterruptAsEmpty::new)
                        .killedBy(Rule.Q_INT_04, "should make it throw InterruptedException"),
                MutantCase.of(QueueMutants.SharesLiveObjects.class, "the receiver gets the sender's live object",
                        QueueMutants.SharesLiveObjects::new)
                        .killedBy(Rule.Q_SNAPSHOT_01, "BEHAVIOUR row 8"),
                MutantCase.of(QueueMutants.SwallowsCodecError.class, "an unencodable item is dropped silently",
                        QueueMutants.SwallowsCodecError::new)
                        .killedBy(Rule.Q_ENCODE_01, "to throw CodecException"),
                MutantCase.of(QueueMutants.CodecErrorLeaksSlot.class, "an unencodable item still takes a slot",
                        QueueMutants.CodecErrorLeaksSlot::new)
                        .killedBy(Rule.Q_ENCODE_01, "qsize() after rejected puts"),
                MutantCase.of(QueueMutants.NoSizeLimit.class, "declares 1 MiB but accepts larger items",
                        QueueMutants.NoSizeLimit::new)
                        .killedBy(Rule.Q_TOOLARGE_01, "ItemTooLargeException"));
    }
}
