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
    public static final java.util.Map<Rule, String> EXEMPT = java.util.Map.of(
            Rule.PROC_EXIT_03, "a mutant would have to run the task in a real child JVM: System.exit in an in-JVM"
                    + " mutant would end the self-test JVM itself. Verified against the reference implementation.");

    /**
     * Returns every mutant case.
     *
     * @return the catalogue
     */
    public static List<MutantCase> all() {
        return List.of(
                MutantCase.of(QueueMutants.DropsItem.class, "drops every third item put",
                        QueueMutants.DropsItem::new)
                        .killedBy(Rule.Q_PUT_01, "an item put before")
                        .killedBy(Rule.Q_FIFO_01, "not delivered exactly once")
                        .killedBy(Rule.Q_MODEL_01, "the model expects")
                        .killedBy(Rule.X_EXACTLY_ONCE_01, "not delivered exactly once")
                        .killedBy(Rule.X_SEED_01, "items consumed by the two consumers together"),
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
                MutantCase.of(QueueMutants.SlowGetNowait.class, "getNowait() waits 200 ms before raising Empty",
                        QueueMutants.SlowGetNowait::new)
                        .killedBy(Rule.Q_GETNOWAIT_01, "it must not wait"),
                MutantCase.of(QueueMutants.LateTimedGet.class, "get(timeout) raises Empty 250 ms after its timeout",
                        QueueMutants.LateTimedGet::new)
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "upper bound"),
                MutantCase.of(QueueMutants.LateTimedPut.class, "put(item, timeout) raises Full 250 ms after its timeout",
                        QueueMutants.LateTimedPut::new)
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
                        .killedBy(Rule.Q_VISIBLE_01, "BEHAVIOUR row 6")
                        .killedBy(Rule.X_FLUSH_01, "after the producer's join() returned"),
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
                        .killedBy(Rule.Q_ENCODE_01, "qsize() after rejected puts")
                        .killedBy(Rule.JQ_ENCODE_01, "unfinished-task count unchanged"),
                MutantCase.of(QueueMutants.NoSizeLimit.class, "declares 1 MiB but accepts larger items",
                        QueueMutants.NoSizeLimit::new)
                        .killedBy(Rule.Q_TOOLARGE_01, "ItemTooLargeException")
                        .killedBy(Rule.SQ_TOOLARGE_01, "ItemTooLargeException"),
                MutantCase.of(CodecMutants.LossyStrings.class, "strings travel as Latin-1", CodecMutants.LossyStrings::new)
                        .killedBy(Rule.Q_CODEC_01, "changed the item")
                        .killedBy(Rule.SQ_CODEC_01, "changed the item"),
                MutantCase.of(CodecMutants.TruncatesCollections.class, "lists and maps lose an element",
                        CodecMutants.TruncatesCollections::new)
                        .killedBy(Rule.Q_CODEC_02, "changed the item"),
                MutantCase.of(LifecycleMutants.MutableFeatures.class, "features() is mutable",
                        LifecycleMutants.MutableFeatures::new)
                        .killedBy(Rule.CTX_DECLARE_01, "must be unmodifiable"),
                MutantCase.of(LifecycleMutants.RawMaxsize.class, "maxsize() reports 0 or negative bounds as given",
                        LifecycleMutants.RawMaxsize::new)
                        .killedBy(Rule.Q_CREATE_01, "queue().maxsize()"),
                MutantCase.of(LifecycleMutants.GetDoesNotWait.class, "get() on an empty queue returns null",
                        LifecycleMutants.GetDoesNotWait::new)
                        .killedBy(Rule.Q_GET_01, "did not wait"),
                MutantCase.of(LifecycleMutants.LosesItemsOnClose.class, "close() discards queued items",
                        LifecycleMutants.LosesItemsOnClose::new)
                        .killedBy(Rule.Q_CLOSE_01, "close() flushes"),
                MutantCase.of(LifecycleMutants.ReleasesQueueOnLastClose.class,
                        "a queue is removed when its last attached handle closes, before a started child attached",
                        LifecycleMutants.ReleasesQueueOnLastClose::new)
                        .killedBy(Rule.X_LIFETIME_01, "no queue at"),
                MutantCase.of(LifecycleMutants.JoinThreadHangs.class, "joinThread() after close() never returns",
                        LifecycleMutants.JoinThreadHangs::new)
                        .killedBy(Rule.Q_JOINTHREAD_02, "did not return within"),
                MutantCase.of(JoinableMutants.TaskDoneCountsTwice.class, "taskDone() marks two tasks done",
                        JoinableMutants.TaskDoneCountsTwice::new)
                        .killedBy(Rule.JQ_COUNT_01, "marked done")
                        .killedBy(Rule.JQ_MODEL_01, "the model expects")
                        .killedBy(Rule.X_JOINABLE_01,
                                "join() returned before every task was processed|task_done() called too many times"),
                MutantCase.of(JoinableMutants.TaskDoneNeverThrows.class, "taskDone() never raises",
                        JoinableMutants.TaskDoneNeverThrows::new)
                        .killedBy(Rule.JQ_TASKDONE_01, "to throw IllegalStateException"),
                MutantCase.of(JoinableMutants.JoinReturnsEarly.class, "join() waits once, briefly",
                        JoinableMutants.JoinReturnsEarly::new)
                        .killedBy(Rule.JQ_JOIN_01, "no early return"),
                MutantCase.of(JoinableMutants.JoinIgnoresTimeout.class, "join(timeout) returns at once",
                        JoinableMutants.JoinIgnoresTimeout::new)
                        .killedBy(Rule.JQ_JOIN_02, "lower bound"),
                MutantCase.of(JoinableMutants.JoinSwallowsInterrupt.class, "join() retries after an interrupt",
                        JoinableMutants.JoinSwallowsInterrupt::new)
                        .killedBy(Rule.JQ_INT_01, "ignored the interrupt"),
                MutantCase.of(JoinableMutants.JoinInterruptAsFalse.class, "join(timeout) reports an interrupt as false",
                        JoinableMutants.JoinInterruptAsFalse::new)
                        .killedBy(Rule.JQ_INT_02, "should make it throw InterruptedException"),
                MutantCase.of(JoinableMutants.JoinableCloseIsNoop.class, "close() leaves taskDone/join working",
                        JoinableMutants.JoinableCloseIsNoop::new)
                        .killedBy(Rule.JQ_CLOSED_01, "QueueClosedException"),
                MutantCase.of(JoinableMutants.CountsRejectedPuts.class, "a put rejected with Full counts as a task",
                        JoinableMutants.CountsRejectedPuts::new)
                        .killedBy(Rule.JQ_FULL_01, "rejected puts must not have raised"),
                MutantCase.of(SimpleMutants.SimpleDropsItems.class, "drops null and every third SimpleQueue item",
                        SimpleMutants.SimpleDropsItems::new)
                        .killedBy(Rule.SQ_PUTGET_01, "SimpleQueue.get() with items available")
                        .killedBy(Rule.X_SIMPLE_01, "exactly once"),
                MutantCase.of(SimpleMutants.SimpleEmptyBroken.class, "SimpleQueue.empty() raises (billiard 4.1.0)",
                        SimpleMutants.SimpleEmptyBroken::new)
                        .killedBy(Rule.SQ_EMPTY_01, "empty() of a new SimpleQueue"),
                MutantCase.of(SimpleMutants.PayloadTruncated.class, "getPayload() drops the last byte",
                        SimpleMutants.PayloadTruncated::new)
                        .killedBy(Rule.SQ_PAYLOAD_01, "getPayload() returned other bytes"),
                MutantCase.of(SimpleMutants.PayloadNotCodec.class, "put() does not write codec.encode(item)",
                        SimpleMutants.PayloadNotCodec::new)
                        .killedBy(Rule.SQ_PAYLOAD_02, "decoded with the default codec"),
                MutantCase.of(SimpleMutants.SimpleCloseIsNoop.class, "SimpleQueue.close() leaves the handle usable",
                        SimpleMutants.SimpleCloseIsNoop::new)
                        .killedBy(Rule.SQ_CLOSED_01, "QueueClosedException"),
                MutantCase.of(SimpleMutants.SimpleInterruptBroken.class,
                        "SimpleQueue.get() retries after an interrupt; getPayload() leaves the status set",
                        SimpleMutants.SimpleInterruptBroken::new)
                        .killedBy(Rule.SQ_INT_01, "ignored the interrupt")
                        .killedBy(Rule.SQ_INT_02, "left the interrupt status set"),
                MutantCase.of(ProcessMutants.StartTwiceAllowed.class, "a second start() is ignored",
                        ProcessMutants.StartTwiceAllowed::new)
                        .killedBy(Rule.PROC_START_01, "a second start()"),
                MutantCase.of(ProcessMutants.ExitCodeWhileRunning.class, "exitCode() is 0 while running",
                        ProcessMutants.ExitCodeWhileRunning::new)
                        .killedBy(Rule.PROC_EXIT_01, "exitCode() while running"),
                MutantCase.of(ProcessMutants.WrongExitCode.class, "a failed task exits with 0",
                        ProcessMutants.WrongExitCode::new)
                        .killedBy(Rule.PROC_EXIT_02, "exitCode() after an uncaught exception"),
                MutantCase.of(ProcessMutants.ProcessJoinIgnoresTimeout.class, "join(timeout) returns at once",
                        ProcessMutants.ProcessJoinIgnoresTimeout::new)
                        .killedBy(Rule.PROC_JOIN_01, "lower bound"),
                MutantCase.of(ProcessMutants.ProcessJoinInterruptBroken.class,
                        "join() retries after an interrupt; join(timeout) reports it as false",
                        ProcessMutants.ProcessJoinInterruptBroken::new)
                        .killedBy(Rule.PROC_INT_01, "ignored the interrupt")
                        .killedBy(Rule.PROC_INT_02, "should make it throw InterruptedException"),
                MutantCase.of(ProcessMutants.NameIgnored.class, "name() and isDaemon() ignore the options",
                        ProcessMutants.NameIgnored::new)
                        .killedBy(Rule.PROC_NAME_01, "withName"),
                MutantCase.of(ProcessMutants.PidBeforeStart.class, "pid() is present before start()",
                        ProcessMutants.PidBeforeStart::new)
                        .killedBy(Rule.PROC_PID_01, "pid() before start()"),
                MutantCase.of(ProcessMutants.CloseDoesNotStop.class, "close() does not stop the process",
                        ProcessMutants.CloseDoesNotStop::new)
                        .killedBy(Rule.PROC_CLOSE_01, "isAlive() after close() returned"),
                MutantCase.of(ProcessMutants.RunsTaskWithoutCopy.class, "tasks are never serialized",
                        ProcessMutants.RunsTaskWithoutCopy::new)
                        .killedBy(Rule.PROC_SERIAL_01, "IllegalArgumentException")
                        .killedBy(Rule.PROC_CAPTURE_01, "the parent's list after the child changed its copy"),
                MutantCase.of(ProcessMutants.OutputWithoutCapture.class, "captured output without capture is \"\"",
                        ProcessMutants.OutputWithoutCapture::new)
                        .killedBy(Rule.PROC_OUTPUT_01, "to throw IllegalStateException"),
                MutantCase.of(ProcessMutants.ClaimsCrossProcess.class, "declares CROSS_PROCESS but runs threads",
                        ProcessMutants.ClaimsCrossProcess::new)
                        .killedBy(Rule.X_HEAP_01, "separate heap")
                        .killedBy(Rule.PROC_OUTPUT_02, "capturedStdout()"),
                MutantCase.of(ProcessMutants.KillTerminates.class, "kill() sends SIGTERM",
                        ProcessMutants.KillTerminates::new)
                        .killedBy(Rule.PROC_SIGNAL_01, "exitCode() after kill()"),
                MutantCase.of(FeatureMutants.QsizeUndeclaredButWorks.class, "QSIZE not declared, qsize() works",
                        FeatureMutants.QsizeUndeclaredButWorks::new)
                        .killedBy(Rule.FEAT_QSIZE_01, "without QSIZE"),
                MutantCase.of(FeatureMutants.AttachUndeclaredButWorks.class,
                        "ATTACH_BY_ADDRESS not declared, address() works", FeatureMutants.AttachUndeclaredButWorks::new)
                        .killedBy(Rule.FEAT_ATTACH_02, "without ATTACH_BY_ADDRESS"),
                MutantCase.of(FeatureMutants.AttachCreatesNewQueue.class, "attachQueue() creates a new queue",
                        FeatureMutants.AttachCreatesNewQueue::new)
                        .killedBy(Rule.FEAT_ATTACH_01, "put on the attached handle must be got from the original"),
                MutantCase.of(FeatureMutants.SilentSignals.class, "SIGNALS not declared, kill() silently ignored",
                        FeatureMutants.SilentSignals::new)
                        .killedBy(Rule.FEAT_SIGNALS_01, "without SIGNALS"),
                MutantCase.of(FeatureMutants.FakePid.class, "CROSS_PROCESS not declared, pid() is not the JVM's",
                        FeatureMutants.FakePid::new)
                        .killedBy(Rule.FEAT_CROSS_01, "CROSS_PROCESS is not declared"),
                MutantCase.of(CrashMutants.LeaksLockOnKill.class, "a killed reader leaks the read lock (billiard)",
                        CrashMutants.LeaksLockOnKill::new)
                        .killedBy(Rule.CRASH_CONSUMER_01, "did not return within")
                        .killedBy(Rule.CRASH_SIMPLE_01, "did not return within"),
                MutantCase.of(CrashMutants.TornItemOnKill.class, "a killed producer leaves half an item",
                        CrashMutants.TornItemOnKill::new)
                        .killedBy(Rule.CRASH_PRODUCER_01, "torn item"),
                MutantCase.of(CrashMutants.LeaksCapacityOnKill.class, "a killed producer's slots are never released",
                        CrashMutants.LeaksCapacityOnKill::new)
                        .killedBy(Rule.CRASH_PRODUCER_02, "BEHAVIOUR row 21"),
                MutantCase.of(CrashMutants.JoinHangsAfterKill.class, "join(timeout) ignores its deadline",
                        CrashMutants.JoinHangsAfterKill::new)
                        .killedBy(Rule.CRASH_JOIN_01, "did not return within"));
    }
}
