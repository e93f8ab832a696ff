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
     * Returns the mutant of that name.
     *
     * @param name the mutant's name
     * @return a new instance of the mutant
     * @throws IllegalArgumentException if there is none
     */
    public static Mutant find(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no mutant named " + name));
    }

    /**
     * Returns every mutant.
     *
     * @return the catalogue
     */
    public static List<Mutant> all() {
        return List.of(
                Mutant.of("DropsItem", "drops every third item put",
                        QueueMutants::dropsItem)
                        .killedBy(Rule.Q_PUT_01, "an item put before")
                        .killedBy(Rule.Q_FIFO_01, "not delivered exactly once")
                        .killedBy(Rule.Q_MODEL_01, "the model expects")
                        .killedBy(Rule.X_EXACTLY_ONCE_01, "not delivered exactly once")
                        .killedBy(Rule.X_SEED_01, "items consumed by the two consumers together"),
                Mutant.of("Reorders", "swaps the first two available items on get",
                        QueueMutants.REORDERS)
                        .killedBy(Rule.Q_PUT_01, "in order"),
                Mutant.ofContext("IgnoresMaxsize", "never bounds the queue",
                        QueueMutants::ignoresMaxsize)
                        .killedBy(Rule.Q_PUTNOWAIT_01, "to throw Full")
                        .killedBy(Rule.Q_PUT_02, "returned without waiting")
                        .killedBy(Rule.Q_FULL_01, "full() with 3 of 3 items")
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "to throw Full")
                        .killedBy(Rule.Q_PUT_TIMEOUT_02, "to throw Full at once")
                        .killedBy(Rule.Q_PUT_03, "to throw Full")
                        .killedBy(Rule.Q_INT_01, "should have blocked")
                        .killedBy(Rule.Q_INT_02, "should have blocked"),
                Mutant.of("NeverFull", "putNowait on a full queue drops the item silently",
                        QueueMutants.NEVER_FULL)
                        .killedBy(Rule.Q_PUTNOWAIT_01, "to throw Full")
                        .killedBy(Rule.Q_EXC_01, "to throw Full"),
                Mutant.of("NeverEmpty", "getNowait on an empty queue returns null",
                        QueueMutants.NEVER_EMPTY)
                        .killedBy(Rule.Q_GETNOWAIT_01, "to throw Empty at once")
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "to throw Empty")
                        .killedBy(Rule.Q_GET_TIMEOUT_02, "to throw Empty at once")
                        .killedBy(Rule.Q_GET_02, "to throw Empty"),
                Mutant.of("IgnoresTimeouts", "timed get/put give up at once",
                        QueueMutants.IGNORES_TIMEOUTS)
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "lower bound")
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "lower bound"),
                Mutant.of("OversleepsTimeouts", "timed get/put wait far past the timeout",
                        QueueMutants.OVERSLEEPS_TIMEOUTS)
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "upper bound")
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "upper bound"),
                Mutant.of("SlowGetNowait", "getNowait() waits 200 ms before raising Empty",
                        QueueMutants.SLOW_GET_NOWAIT)
                        .killedBy(Rule.Q_GETNOWAIT_01, "it must not wait"),
                Mutant.of("LateTimedGet", "get(timeout) raises Empty 250 ms after its timeout",
                        QueueMutants.LATE_TIMED_GET)
                        .killedBy(Rule.Q_GET_TIMEOUT_01, "upper bound"),
                Mutant.of("LateTimedPut", "put(item, timeout) raises Full 250 ms after its timeout",
                        QueueMutants.LATE_TIMED_PUT)
                        .killedBy(Rule.Q_PUT_TIMEOUT_01, "upper bound"),
                Mutant.of("ReaderLockHeldWhileBlocked",
                        "get() keeps the read lock while it waits; getNowait() waits for that lock (billiard's _rlock)",
                        StallMutants::readerLockHeldWhileBlocked)
                        .withSignals()
                        .killedBy(Rule.Q_GETNOWAIT_01, "blocked in get() did not return within")
                        .killedBy(Rule.STALL_CONSUMER_01, "blocked in get() did not return within"),
                Mutant.of("OwedItemWaitedFor",
                        "getNowait() and get(timeout) wait without a deadline for an item a producer is still writing",
                        StallMutants::owedItemWaitedFor)
                        .withSignals()
                        .killedBy(Rule.Q_GETNOWAIT_01, "KiB item did not return within")
                        .killedBy(Rule.STALL_PRODUCER_01, "KiB item did not return within"),
                Mutant.of("JoinThreadIgnoresInterrupt",
                        "joinThread() waiting for its feeder retries after an interrupt",
                        QueueMutants::joinThreadIgnoresInterrupt)
                        .killedBy(Rule.Q_INT_05, "ignored the interrupt"),
                Mutant.ofSimple("SimpleWriterIgnoresInterrupt",
                        "SimpleQueue writers wait for the write lock a large payload holds, ignoring interrupts",
                        SimpleMutants::simpleWriterIgnoresInterrupt)
                        .killedBy(Rule.SQ_INT_03, "ignored the interrupt"),
                Mutant.ofProcess("CloseClearsInterrupt", "TaskProcess.close() swallows the caller's interrupt",
                        ProcessMutants::closeClearsInterrupt)
                        .killedBy(Rule.PROC_CLOSE_02, "interrupt status after close()"),
                Mutant.of("DecodeErrorEscapes", "get(timeout) reports an undecodable item as IllegalStateException",
                        QueueMutants.DECODE_ERROR_ESCAPES)
                        .killedBy(Rule.Q_DECODE_01, "to throw CodecException"),
                Mutant.of("HangsInGetNowait", "getNowait waits for an item",
                        QueueMutants.HANGS_IN_GET_NOWAIT)
                        .killedBy(Rule.Q_GETNOWAIT_01, "did not return within"),
                Mutant.of("ZeroTimeoutAlwaysEmpty", "get(timeout <= 0) raises Empty with an item available (pre bpo-30595)",
                        QueueMutants.ZERO_TIMEOUT_ALWAYS_EMPTY)
                        .killedBy(Rule.Q_GET_TIMEOUT_03, "BEHAVIOUR row 4"),
                Mutant.of("DropsNull", "put(null) is ignored",
                        QueueMutants.DROPS_NULL)
                        .killedBy(Rule.Q_NULL_01, "full() with null"),
                Mutant.of("AcceptsNullTimeout", "a null timeout means wait forever",
                        QueueMutants.ACCEPTS_NULL_TIMEOUT)
                        .killedBy(Rule.Q_NULL_02, "NullPointerException"),
                Mutant.of("EmptyLies", "empty() is always false",
                        QueueMutants.EMPTY_LIES)
                        .killedBy(Rule.Q_EMPTY_01, "empty() of a new queue"),
                Mutant.of("QsizeOffByOne", "qsize() is one too high",
                        QueueMutants.QSIZE_OFF_BY_ONE)
                        .killedBy(Rule.Q_QSIZE_01, "qsize() right after 1 puts"),
                Mutant.of("LazyFeeder", "items become visible 30 ms after put returned",
                        QueueMutants.LAZY_FEEDER)
                        .killedBy(Rule.Q_VISIBLE_01, "BEHAVIOUR row 6")
                        .killedBy(Rule.X_FLUSH_01, "after the producer's join() returned"),
                Mutant.of("SilentFull", "Full has no message naming the bound",
                        QueueMutants.SILENT_FULL)
                        .killedBy(Rule.Q_EXC_01, "Full message"),
                Mutant.of("CloseIsNoop", "close() leaves the handle usable",
                        QueueMutants::closeIsNoop)
                        .killedBy(Rule.Q_CLOSED_01, "QueueClosedException"),
                Mutant.of("JoinThreadWithoutClose", "joinThread() accepted before close()",
                        QueueMutants.JOIN_THREAD_WITHOUT_CLOSE)
                        .killedBy(Rule.Q_JOINTHREAD_01, "IllegalStateException"),
                Mutant.of("CancelJoinHangs", "joinThread() hangs after cancelJoinThread()",
                        QueueMutants::cancelJoinHangs)
                        .killedBy(Rule.Q_CANCELJOIN_01, "did not return within"),
                Mutant.of("SwallowsInterruptInPut", "put() retries after an interrupt",
                        QueueMutants.SWALLOWS_INTERRUPT_IN_PUT)
                        .killedBy(Rule.Q_INT_01, "ignored the interrupt"),
                Mutant.of("InterruptAsFull", "put(timeout) reports an interrupt as Full",
                        QueueMutants.INTERRUPT_AS_FULL)
                        .killedBy(Rule.Q_INT_02, "should make it throw InterruptedException"),
                Mutant.of("LeavesInterruptStatus", "get() leaves the interrupt status set",
                        QueueMutants.LEAVES_INTERRUPT_STATUS)
                        .killedBy(Rule.Q_INT_03, "left the interrupt status set"),
                Mutant.of("InterruptAsEmpty", "get(timeout) reports an interrupt as Empty",
                        QueueMutants.INTERRUPT_AS_EMPTY)
                        .killedBy(Rule.Q_INT_04, "should make it throw InterruptedException"),
                Mutant.of("SharesLiveObjects", "the receiver gets the sender's live object",
                        QueueMutants.SHARES_LIVE_OBJECTS)
                        .killedBy(Rule.Q_SNAPSHOT_01, "BEHAVIOUR row 8"),
                Mutant.of("SwallowsCodecError", "an unencodable item is dropped silently",
                        QueueMutants.SWALLOWS_CODEC_ERROR)
                        .killedBy(Rule.Q_ENCODE_01, "to throw CodecException"),
                Mutant.of("CodecErrorLeaksSlot", "an unencodable item still takes a slot",
                        QueueMutants.CODEC_ERROR_LEAKS_SLOT)
                        .alsoJoinable(QueueMutants::codecErrorLeaksSlotJoinable)
                        .killedBy(Rule.Q_ENCODE_01, "qsize() after rejected puts")
                        .killedBy(Rule.JQ_ENCODE_01, "unfinished-task count unchanged"),
                Mutant.ofContext("NoSizeLimit", "declares 1 MiB but accepts larger items",
                        QueueMutants::noSizeLimit)
                        .killedBy(Rule.Q_TOOLARGE_01, "ItemTooLargeException")
                        .killedBy(Rule.SQ_TOOLARGE_01, "ItemTooLargeException"),
                Mutant.of("LossyStrings", "strings travel as Latin-1",
                        CodecMutants::lossyStrings)
                        .alsoSimple(CodecMutants::lossyStringsSimple)
                        .killedBy(Rule.Q_CODEC_01, "changed the item")
                        .killedBy(Rule.SQ_CODEC_01, "changed the item"),
                Mutant.of("TruncatesCollections", "lists and maps lose an element",
                        CodecMutants::truncatesCollections)
                        .killedBy(Rule.Q_CODEC_02, "changed the item"),
                Mutant.ofContext("MutableFeatures", "features() is mutable",
                        LifecycleMutants::mutableFeatures)
                        .killedBy(Rule.CTX_DECLARE_01, "must be unmodifiable"),
                Mutant.ofContext("RawMaxsize", "maxsize() reports 0 or negative bounds as given",
                        LifecycleMutants::rawMaxsize)
                        .killedBy(Rule.Q_CREATE_01, "queue().maxsize()"),
                Mutant.of("GetDoesNotWait", "get() on an empty queue returns null",
                        LifecycleMutants::getDoesNotWait)
                        .killedBy(Rule.Q_GET_01, "did not wait"),
                Mutant.of("LosesItemsOnClose", "close() discards queued items",
                        LifecycleMutants::losesItemsOnClose)
                        .killedBy(Rule.Q_CLOSE_01, "close() flushes"),
                Mutant.of("ReleasesQueueOnLastClose", "a queue is removed when its last attached handle closes, before a started child attached",
                        LifecycleMutants::releasesQueueOnLastClose)
                        .killedBy(Rule.X_LIFETIME_01, "no queue at"),
                Mutant.of("JoinThreadHangs", "joinThread() after close() never returns",
                        LifecycleMutants::joinThreadHangs)
                        .killedBy(Rule.Q_JOINTHREAD_02, "did not return within"),
                Mutant.ofJoinable("TaskDoneCountsTwice", "taskDone() marks two tasks done",
                        JoinableMutants::taskDoneCountsTwice)
                        .killedBy(Rule.JQ_COUNT_01, "marked done")
                        .killedBy(Rule.JQ_MODEL_01, "the model expects")
                        .killedBy(Rule.X_JOINABLE_01,
                                "join() returned before every task was processed|task_done() called too many times"),
                Mutant.ofJoinable("TaskDoneNeverThrows", "taskDone() never raises",
                        JoinableMutants::taskDoneNeverThrows)
                        .killedBy(Rule.JQ_TASKDONE_01, "to throw IllegalStateException"),
                Mutant.ofJoinable("JoinReturnsEarly", "join() waits once, briefly",
                        JoinableMutants::joinReturnsEarly)
                        .killedBy(Rule.JQ_JOIN_01, "no early return"),
                Mutant.ofJoinable("JoinIgnoresTimeout", "join(timeout) returns at once",
                        JoinableMutants::joinIgnoresTimeout)
                        .killedBy(Rule.JQ_JOIN_02, "lower bound"),
                Mutant.ofJoinable("JoinSwallowsInterrupt", "join() retries after an interrupt",
                        JoinableMutants::joinSwallowsInterrupt)
                        .killedBy(Rule.JQ_INT_01, "ignored the interrupt"),
                Mutant.ofJoinable("JoinInterruptAsFalse", "join(timeout) reports an interrupt as false",
                        JoinableMutants::joinInterruptAsFalse)
                        .killedBy(Rule.JQ_INT_02, "should make it throw InterruptedException"),
                Mutant.ofJoinable("JoinableCloseIsNoop", "close() leaves taskDone/join working",
                        JoinableMutants::joinableCloseIsNoop)
                        .killedBy(Rule.JQ_CLOSED_01, "QueueClosedException"),
                Mutant.ofJoinable("CountsRejectedPuts", "a put rejected with Full counts as a task",
                        JoinableMutants::countsRejectedPuts)
                        .killedBy(Rule.JQ_FULL_01, "rejected puts must not have raised"),
                Mutant.ofSimple("SimpleDropsItems", "drops null and every third SimpleQueue item",
                        SimpleMutants::simpleDropsItems)
                        .killedBy(Rule.SQ_PUTGET_01, "SimpleQueue.get() with items available")
                        .killedBy(Rule.X_SIMPLE_01, "exactly once"),
                Mutant.ofSimple("SimpleEmptyBroken", "SimpleQueue.empty() raises (billiard 4.1.0)",
                        SimpleMutants::simpleEmptyBroken)
                        .killedBy(Rule.SQ_EMPTY_01, "empty() of a new SimpleQueue"),
                Mutant.ofSimple("PayloadTruncated", "getPayload() drops the last byte",
                        SimpleMutants::payloadTruncated)
                        .killedBy(Rule.SQ_PAYLOAD_01, "getPayload() returned other bytes"),
                Mutant.ofSimple("PayloadNotCodec", "put() does not write codec.encode(item)",
                        SimpleMutants::payloadNotCodec)
                        .killedBy(Rule.SQ_PAYLOAD_02, "decoded with the default codec"),
                Mutant.ofSimple("SimpleCloseIsNoop", "SimpleQueue.close() leaves the handle usable",
                        SimpleMutants::simpleCloseIsNoop)
                        .killedBy(Rule.SQ_CLOSED_01, "QueueClosedException"),
                Mutant.ofSimple("SimpleInterruptBroken", "SimpleQueue.get() retries after an interrupt; getPayload() leaves the status set",
                        SimpleMutants::simpleInterruptBroken)
                        .killedBy(Rule.SQ_INT_01, "ignored the interrupt")
                        .killedBy(Rule.SQ_INT_02, "left the interrupt status set"),
                Mutant.ofProcess("StartTwiceAllowed", "a second start() is ignored",
                        ProcessMutants::startTwiceAllowed)
                        .killedBy(Rule.PROC_START_01, "a second start()"),
                Mutant.ofProcess("ExitCodeWhileRunning", "exitCode() is 0 while running",
                        ProcessMutants::exitCodeWhileRunning)
                        .killedBy(Rule.PROC_EXIT_01, "exitCode() while running"),
                Mutant.ofProcess("WrongExitCode", "a failed task exits with 0",
                        ProcessMutants::wrongExitCode)
                        .killedBy(Rule.PROC_EXIT_02, "exitCode() after an uncaught exception"),
                Mutant.ofProcess("ProcessJoinIgnoresTimeout", "join(timeout) returns at once",
                        ProcessMutants::processJoinIgnoresTimeout)
                        .killedBy(Rule.PROC_JOIN_01, "lower bound"),
                Mutant.ofProcess("ProcessJoinInterruptBroken", "join() retries after an interrupt; join(timeout) reports it as false",
                        ProcessMutants::processJoinInterruptBroken)
                        .killedBy(Rule.PROC_INT_01, "ignored the interrupt")
                        .killedBy(Rule.PROC_INT_02, "should make it throw InterruptedException"),
                Mutant.ofProcess("NameIgnored", "name() and isDaemon() ignore the options",
                        ProcessMutants::nameIgnored)
                        .killedBy(Rule.PROC_NAME_01, "withName"),
                Mutant.ofProcess("PidBeforeStart", "pid() is present before start()",
                        ProcessMutants::pidBeforeStart)
                        .killedBy(Rule.PROC_PID_01, "pid() before start()"),
                Mutant.ofProcess("CloseDoesNotStop", "close() does not stop the process",
                        ProcessMutants::closeDoesNotStop)
                        .killedBy(Rule.PROC_CLOSE_01, "isAlive() after close() returned"),
                Mutant.ofContext("RunsTaskWithoutCopy", "tasks are never serialized",
                        ProcessMutants::runsTaskWithoutCopy)
                        .killedBy(Rule.PROC_SERIAL_01, "IllegalArgumentException")
                        .killedBy(Rule.PROC_CAPTURE_01, "the parent's list after the child changed its copy"),
                Mutant.ofProcess("OutputWithoutCapture", "captured output without capture is \"\"",
                        ProcessMutants::outputWithoutCapture)
                        .killedBy(Rule.PROC_OUTPUT_01, "to throw IllegalStateException"),
                Mutant.ofContext("ClaimsCrossProcess", "declares CROSS_PROCESS but runs threads",
                        ProcessMutants::claimsCrossProcess)
                        .killedBy(Rule.X_HEAP_01, "separate heap")
                        .killedBy(Rule.PROC_OUTPUT_02, "capturedStdout()")
                        .killedBy(Rule.PROC_JVMOPTS_01, "in a child started withJvmOptions"),
                Mutant.ofProvider("RenamedPerInstance", "registered for ServiceLoader, but name() differs per instance",
                        ProviderMutants.RenamedPerInstance::new)
                        .killedBy(Rule.CTX_LOAD_01, "Context.load(name()) with name() = 'dummy-"),
                Mutant.ofProcess("KillTerminates", "kill() sends SIGTERM",
                        ProcessMutants::killTerminates)
                        .withSignals()
                        .killedBy(Rule.PROC_SIGNAL_01, "exitCode() after kill()"),
                Mutant.ofContext("QsizeUndeclaredButWorks", "QSIZE not declared, qsize() works",
                        FeatureMutants::qsizeUndeclaredButWorks)
                        .killedBy(Rule.FEAT_QSIZE_01, "without QSIZE"),
                Mutant.ofContext("AttachUndeclaredButWorks", "ATTACH_BY_ADDRESS not declared, address() works",
                        FeatureMutants::attachUndeclaredButWorks)
                        .killedBy(Rule.FEAT_ATTACH_02, "without ATTACH_BY_ADDRESS"),
                Mutant.ofContext("AttachCreatesNewQueue", "attachQueue() creates a new queue",
                        FeatureMutants::attachCreatesNewQueue)
                        .killedBy(Rule.FEAT_ATTACH_01, "put on the attached handle must be got from the original"),
                Mutant.ofProcess("SilentSignals", "SIGNALS not declared, kill() silently ignored",
                        FeatureMutants::silentSignals)
                        .killedBy(Rule.FEAT_SIGNALS_01, "without SIGNALS"),
                Mutant.ofProcess("FakePid", "CROSS_PROCESS not declared, pid() is not the JVM's",
                        FeatureMutants::fakePid)
                        .killedBy(Rule.FEAT_CROSS_01, "CROSS_PROCESS is not declared"),
                Mutant.of("LeaksLockOnKill", "a killed reader leaks the read lock (billiard)",
                        CrashMutants::leaksLockOnKill)
                        .alsoSimple(CrashMutants::leaksLockOnKillSimple).withSignals()
                        .killedBy(Rule.CRASH_CONSUMER_01, "did not return within")
                        .killedBy(Rule.CRASH_SIMPLE_01, "did not return within"),
                Mutant.of("TornItemOnKill", "a killed producer leaves half an item",
                        CrashMutants::tornItemOnKill)
                        .withSignals()
                        .killedBy(Rule.CRASH_PRODUCER_01, "torn item"),
                Mutant.of("LeaksCapacityOnKill", "a killed producer's slots are never released",
                        CrashMutants::leaksCapacityOnKill)
                        .withSignals()
                        .killedBy(Rule.CRASH_PRODUCER_02, "BEHAVIOUR row 21"),
                Mutant.ofJoinable("JoinHangsAfterKill", "join(timeout) ignores its deadline",
                        CrashMutants::joinHangsAfterKill)
                        .withSignals()
                        .killedBy(Rule.CRASH_JOIN_01, "did not return within"));
    }
}
