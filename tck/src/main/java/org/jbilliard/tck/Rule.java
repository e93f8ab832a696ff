package org.jbilliard.tck;

import static org.jbilliard.Feature.ATTACH_BY_ADDRESS;
import static org.jbilliard.Feature.CRASH_SAFE;
import static org.jbilliard.Feature.CROSS_PROCESS;
import static org.jbilliard.Feature.ENCODE_AT_PUT;
import static org.jbilliard.Feature.IMMEDIATE_VISIBILITY;
import static org.jbilliard.Feature.QSIZE;
import static org.jbilliard.Feature.SIGNALS;
import static org.jbilliard.tck.Need.absent;
import static org.jbilliard.tck.Need.always;
import static org.jbilliard.tck.Need.features;

/**
 * The rules of the TCK: the single source of truth for rule IDs, levels, intents, sources and
 * debugging hints. {@code tck/RULES.md} is generated from this enum (a self-test fails when the checked-in
 * document is stale), every test of the TCK names the rule it verifies with {@link Verifies}, and the
 * reports are keyed on {@link #id()}.
 *
 * <p>ID families: {@code CTX} context, {@code Q} {@code Queue}, {@code JQ} {@code JoinableQueue},
 * {@code SQ} {@code SimpleQueue}, {@code PROC} {@code TaskProcess}, {@code X} across processes,
 * {@code FEAT} declared absence of a feature, {@code CRASH} killed participants, {@code STALL} stopped
 * (SIGSTOP) participants. A rule is
 * <em>required</em> unless it {@linkplain Need#features needs a feature}; then it is <em>optional</em>
 * and is "not verified" for implementations that do not declare it.
 *
 * <p>Immutable; safe to use from any thread.
 */
public enum Rule {

    // ---------------------------------------------------------------------------------------- context
    CTX_DECLARE_01("CTX-DECLARE-01", always(),
            "the context describes itself consistently",
            "Context.name, features, supports, maxItemBytes, defaultCodec",
            "name() is not blank, features() is unmodifiable and agrees with supports(), maxItemBytes() is positive"
                    + " and defaultCodec() round-trips null and a string.",
            "Context.features() must return an unmodifiable set (Set.copyOf / EnumSet wrapped); supports() must not"
                    + " be overridden inconsistently."),

    CTX_LOAD_01("CTX-LOAD-01", always(),
            "an implementation registered for ServiceLoader is found by Context.load(name())",
            "Context.load(), Context.load(String) Javadoc",
            "Where the context's class is listed in META-INF/services/org.jbilliard.Context (otherwise not verified:"
                    + " it is constructed directly), Context.load(ctx.name()) returns an instance of that class with the"
                    + " same name, and loading every provider on the class path succeeds (no provider's constructor"
                    + " fails).",
            "Give the class a public no-argument constructor that cannot fail, and return a constant name() that no"
                    + " other implementation uses (not one that depends on the instance or its configuration)."),

    // ------------------------------------------------------------------------------------------ Queue
    Q_CREATE_01("Q-CREATE-01", always(),
            "maxsize() reports the bound; zero or negative means unbounded",
            "seed Queue(maxsize=0); BEHAVIOUR row 1",
            "queue(5).maxsize() is 5; queue(), queue(0) and queue(-3) report Queue.UNBOUNDED, for Queue and"
                    + " JoinableQueue.",
            "Map maxsize <= 0 to Queue.UNBOUNDED (Integer.MAX_VALUE) when the queue is created."),
    Q_PUT_01("Q-PUT-01", always(),
            "put then get returns equal items in FIFO order",
            "seed Queue.put(obj), Queue.get()",
            "Items put by one thread are got back, equal and in order, by get(), get(timeout) and getNowait().",
            "Check framing and the order in which frames are appended and taken; check the codec round trip."),
    Q_PUT_02("Q-PUT-02", always(),
            "put blocks on a full queue until a slot frees",
            "seed Queue.put(obj, block=True)",
            "put() on a full queue does not return before another thread takes an item, then completes; the item"
                    + " is delivered after the ones already queued.",
            "put() must wait on the capacity (semaphore/condition), not fail or overfill; a get must release a slot."),
    Q_PUT_03("Q-PUT-03", always(),
            "the literal put(item, block, timeout) form behaves as billiard's",
            "seed Queue.put(obj, block, timeout)",
            "block=false is putNowait (the timeout is ignored), block=true with a null timeout waits, block=true with"
                    + " a timeout raises Full after it.",
            "Keep the interface default of put(item, block, timeout), or make an override dispatch the same way."),
    Q_PUTNOWAIT_01("Q-PUTNOWAIT-01", always(),
            "putNowait on a full queue raises Full and enqueues nothing",
            "seed Queue.put_nowait, Full; BEHAVIOUR row 2",
            "putNowait on a queue holding maxsize items throws Full at once; afterwards the queue holds exactly the"
                    + " items it held before.",
            "Check the capacity test before enqueueing, and that a failed attempt does not consume or leak a slot."),
    Q_PUT_TIMEOUT_01("Q-PUT-TIMEOUT-01", always(),
            "put(item, timeout) on a full queue raises Full after the timeout, not before and not much later",
            "seed Queue.put(obj, timeout=t), Full; BEHAVIOUR row 2",
            "Full is thrown no earlier than the timeout (monotonic clock) and no later than timeout + tolerance;"
                    + " nothing is enqueued.",
            "Measure the deadline with System.nanoTime and loop on spurious wake-ups with the remaining time;"
                    + " do not wait without a deadline."),
    Q_PUT_TIMEOUT_02("Q-PUT-TIMEOUT-02", always(),
            "put(item, timeout <= 0) on a full queue raises Full at once",
            "seed Queue.put(obj, timeout=0); BEHAVIOUR row 2",
            "A zero or negative timeout means do not wait: Full promptly.",
            "Treat a non-positive timeout as a non-blocking attempt."),
    Q_GETNOWAIT_01("Q-GETNOWAIT-01", always(),
            "getNowait on an empty queue raises Empty at once",
            "seed Queue.get_nowait, Empty; BEHAVIOUR row 3",
            "getNowait() on an empty queue throws Empty without waiting (within 50 ms × time factor): on its own,"
                    + " while other consumers (a thread and a process) are blocked in get(), and — where the TCK can"
                    + " stop a process (SIGNALS, and CROSS_PROCESS on Linux) — while the only item is counted by a"
                    + " producer stopped mid-way through putting it (then getNowait() may also return the whole item).",
            "getNowait must never block: poll, do not wait for data or for a lock held by a blocked reader."),
    Q_GET_TIMEOUT_01("Q-GET-TIMEOUT-01", always(),
            "get(timeout) on an empty queue raises Empty after the timeout, not before and not much later",
            "seed Queue.get(timeout=t), Empty; BEHAVIOUR row 3",
            "Empty is thrown no earlier than the timeout and no later than timeout + tolerance.",
            "Compute one deadline on System.nanoTime and wait for the remaining time in a loop."),
    Q_GET_TIMEOUT_02("Q-GET-TIMEOUT-02", always(),
            "get(timeout <= 0) on an empty queue raises Empty at once",
            "seed Queue.get(timeout=0); BEHAVIOUR row 3",
            "A zero or negative timeout does not wait.",
            "Treat a non-positive timeout as a poll."),
    Q_GET_TIMEOUT_03("Q-GET-TIMEOUT-03", always(),
            "get(timeout <= 0) returns an item that is already available",
            "BEHAVIOUR row 4 (CPython after bpo-30595)",
            "With an item available, get(Duration.ZERO) and a negative timeout return it instead of raising Empty.",
            "A poll must check for data before giving up; billiard's pre-bpo-30595 bug raises Empty here."),
    Q_GET_01("Q-GET-01", always(),
            "get blocks until an item arrives",
            "seed Queue.get(block=True)",
            "get() on an empty queue waits and returns the item another thread puts later.",
            "get() must wait for data, and a put must wake a waiting reader."),
    Q_GET_02("Q-GET-02", always(),
            "the literal get(block, timeout) form behaves as billiard's",
            "seed Queue.get(block, timeout)",
            "block=false is getNowait, block=true with null waits, block=true with a timeout raises Empty after it.",
            "Keep the interface default of get(block, timeout), or dispatch the same way."),
    Q_NULL_01("Q-NULL-01", always(),
            "null is a legal item",
            "seed examples (q.put(None) as a sentinel)",
            "put(null) enqueues an item, get() returns null for it, and it counts like any other item.",
            "Do not use null as an internal 'no item' marker; the codec must encode null."),
    Q_NULL_02("Q-NULL-02", always(),
            "a null timeout is rejected with NullPointerException",
            "Queue class Javadoc (timeouts)",
            "put(item, (Duration) null) and get((Duration) null) throw NullPointerException and change nothing.",
            "Check the Duration argument first (Objects.requireNonNull) before touching the queue."),
    Q_FULL_01("Q-FULL-01", always(),
            "full() is true exactly when maxsize items are queued",
            "seed Queue.full(); BEHAVIOUR row 5",
            "full() is false below the bound, true at it, false again after a get; an unbounded queue is never full.",
            "Compare the accepted-item count with maxsize; count items from put, not items flushed."),
    Q_EMPTY_01("Q-EMPTY-01", always(),
            "empty() reports an empty queue, and a queue with items as not empty",
            "seed Queue.empty()",
            "A new queue is empty; after a put it becomes non-empty (at once or, without IMMEDIATE_VISIBILITY,"
                    + " eventually); after the last get it is empty.",
            "empty() must look at items put through any handle, not only those of this handle."),
    Q_QSIZE_01("Q-QSIZE-01", features(QSIZE),
            "qsize() counts the items exactly",
            "seed Queue.qsize(); BEHAVIOUR row 5",
            "qsize() is 0 for a new queue, increases by one per put and decreases by one per get.",
            "Count accepted items (semaphore value), including items still in a feeder's buffer."),
    Q_VISIBLE_01("Q-VISIBLE-01", features(IMMEDIATE_VISIBILITY),
            "an item is visible the moment put returns",
            "BEHAVIOUR row 6",
            "Right after put returns, empty() is false and getNowait() returns the item, in this thread.",
            "getNowait/empty must account for items accepted but not yet flushed by the feeder."),
    Q_FIFO_01("Q-FIFO-01", always(),
            "per-producer FIFO with several producers and consumers",
            "BEHAVIOUR row 23",
            "With 3 producer threads and 2 consumer threads, every item is got exactly once and each producer's"
                    + " items are got in the order that producer put them.",
            "Check the read lock (one reader per frame) and that frames of one writer are appended in order."),
    Q_MODEL_01("Q-MODEL-01", always(),
            "random action sequences on a bounded Queue match a model",
            "seed Queue: put, put_nowait, get, get_nowait, qsize, empty, full",
            "jqwik generates sequences of put/putNowait/put(timeout)/get/getNowait/get(timeout)/qsize/empty/full and"
                    + " compares each outcome with a FIFO model; a failure shrinks to a minimal sequence.",
            "Read the shrunk sequence in the failure: it is the shortest series of calls that disagrees with a FIFO."),
    Q_CODEC_01("Q-CODEC-01", always(),
            "every codec fast-path type round-trips through a Queue",
            "seed Queue.put(obj)/get(); Codec contract",
            "Generated null, booleans, bytes, shorts, ints, longs, floats and doubles (NaN, -0.0), chars, strings"
                    + " (any Unicode), byte[] and ByteBuffer come out equal to what went in.",
            "Check the codec's tags for each type, the UTF-8 handling of surrogate pairs, and float bit patterns."),
    Q_CODEC_02("Q-CODEC-02", always(),
            "Serializable object graphs round-trip through a Queue",
            "seed Queue.put(obj) (pickle); Codec contract",
            "Generated graphs of lists, maps and a Serializable node class come out equal (a deep copy).",
            "Check the serialization fallback of the codec and the class loader it resolves classes with."),
    Q_EXC_01("Q-EXC-01", always(),
            "Empty and Full say which queue and which bound",
            "seed Empty, Full; BEHAVIOUR row 24",
            "Full's message contains the maxsize; both messages are non-blank and mention the queue.",
            "Build the messages from the queue's address/name, its maxsize and the time waited."),
    Q_CLOSED_01("Q-CLOSED-01", always(),
            "every operation on a closed Queue handle raises QueueClosedException",
            "seed Queue.close(); BEHAVIOUR row 9",
            "After close(): put, put(timeout), putNowait, get, get(timeout), getNowait, empty, full (and qsize where"
                    + " QSIZE is declared) throw QueueClosedException; close() is idempotent and isClosed() is true.",
            "Check the closed flag at the start of every operation, before blocking."),
    Q_CLOSE_01("Q-CLOSE-01", always(),
            "close() flushes items already put, and other handles keep working",
            "seed Queue.close(); BEHAVIOUR row 10",
            "Items put before close() are got by another handle (a process's); closing one handle leaves the others"
                    + " usable.",
            "close() must let the feeder flush its buffer; do not close the shared transport on a handle close."),
    Q_JOINTHREAD_01("Q-JOINTHREAD-01", always(),
            "joinThread() before close() raises IllegalStateException",
            "seed Queue.join_thread(); BEHAVIOUR row 11",
            "joinThread() on an open handle throws IllegalStateException with a message.",
            "Check the closed state first in joinThread()."),
    Q_JOINTHREAD_02("Q-JOINTHREAD-02", always(),
            "joinThread() after close() returns once everything is flushed",
            "seed Queue.join_thread(); BEHAVIOUR row 12",
            "After put, close(), joinThread() returns promptly and every item put is available to another handle.",
            "joinThread must wait for the feeder of this handle only, and the feeder must terminate after close."),
    Q_CANCELJOIN_01("Q-CANCELJOIN-01", always(),
            "cancelJoinThread() makes joinThread() return at once",
            "seed Queue.cancel_join_thread()",
            "After cancelJoinThread() and close(), joinThread() returns promptly.",
            "cancelJoinThread must mark the handle so joinThread does not wait for the feeder."),
    Q_INT_01("Q-INT-01", always(),
            "put() blocked on a full queue responds to interrupt",
            "Queue.put Javadoc (java.util.concurrent interrupt semantics)",
            "Interrupting a thread blocked in put() makes it throw InterruptedException with the interrupt status"
                    + " cleared; nothing is enqueued.",
            "Wait interruptibly (lockInterruptibly/await), and release the slot/lock you held when interrupted."),
    Q_INT_02("Q-INT-02", always(),
            "put(timeout) blocked on a full queue responds to interrupt",
            "Queue.put(item, Duration) Javadoc",
            "As Q-INT-01 for the timed form: InterruptedException well before the timeout, status cleared, nothing"
                    + " enqueued.",
            "The timed wait must be interruptible too."),
    Q_INT_05("Q-INT-05", always(),
            "joinThread() waiting for its feeder responds to interrupt",
            "Queue.joinThread() Javadoc; java.util.concurrent interrupt semantics",
            "After an 8 MiB item nobody reads is put and the handle is closed, joinThread() either returns at once"
                    + " (nothing left to flush) or, while it waits for its feeder, throws InterruptedException promptly"
                    + " when interrupted, with the interrupt status cleared.",
            "Wait for the feeder with an interruptible wait (Thread.join, a latch), not a loop that retries."),
    Q_INT_03("Q-INT-03", always(),
            "get() blocked on an empty queue responds to interrupt",
            "Queue.get Javadoc",
            "Interrupting a thread blocked in get() makes it throw InterruptedException with the interrupt status"
                    + " cleared; no item is taken (a later item is still delivered).",
            "A reader blocked in the transport must be woken on interrupt and must release the read lock."),
    Q_INT_04("Q-INT-04", always(),
            "get(timeout) blocked on an empty queue responds to interrupt",
            "Queue.get(Duration) Javadoc",
            "As Q-INT-03 for the timed form.",
            "The timed wait must be interruptible too."),
    Q_SNAPSHOT_01("Q-SNAPSHOT-01", features(ENCODE_AT_PUT),
            "the receiver sees the item as it was at put",
            "BEHAVIOUR row 8",
            "Mutating a list after put() does not change what get() returns.",
            "Encode the item in put's calling thread, not later in a feeder."),
    Q_ENCODE_01("Q-ENCODE-01", features(ENCODE_AT_PUT),
            "an item that cannot be encoded fails at put and leaves the queue untouched",
            "BEHAVIOUR row 7",
            "put(non-serializable) throws CodecException naming the type; the queue's size and capacity are"
                    + " unchanged and later items flow normally.",
            "Encode before taking a slot, and do not hand undecodable work to the feeder."),
    Q_DECODE_01("Q-DECODE-01", always(),
            "an item that arrives intact but cannot be decoded fails its get with CodecException and is consumed",
            "Queue.get and SimpleQueue.get Javadoc (CodecException)",
            "With a codec that cannot decode one item (the TCK's PoisonCodec), get(), get(timeout) and getNowait()"
                    + " of a Queue and get() of a SimpleQueue throw CodecException for it (never an internal type), the"
                    + " item is consumed, and the items before and after it are got in order.",
            "Wrap whatever the codec throws at decode in CodecException after the frame was taken, and release the"
                    + " read lock before throwing."),
    Q_TOOLARGE_01("Q-TOOLARGE-01", features(ENCODE_AT_PUT),
            "an item over maxItemBytes fails at put with ItemTooLargeException",
            "BEHAVIOUR row 18",
            "put of an item whose encoding exceeds Context.maxItemBytes() throws ItemTooLargeException (size and"
                    + " limit set) and enqueues nothing; an item just below the limit still works.",
            "Compare the encoded length with the limit before enqueueing. (Not verified when the limit is above"
                    + " 64 MiB: the TCK will not allocate that much.)"),

    // -------------------------------------------------------------------------------- JoinableQueue
    JQ_COUNT_01("JQ-COUNT-01", always(),
            "join(timeout) reports whether every put item was marked done",
            "seed JoinableQueue.task_done, join",
            "After n puts, join(0) is false until the n-th taskDone(); then it is true.",
            "Increment the unfinished count on every successful put and decrement it on taskDone."),
    JQ_TASKDONE_01("JQ-TASKDONE-01", always(),
            "taskDone() too many times raises IllegalStateException",
            "seed JoinableQueue.task_done (ValueError); BEHAVIOUR row 13",
            "taskDone() with a zero count throws IllegalStateException with the message"
                    + " 'task_done() called too many times', and the count stays zero.",
            "Check for zero before decrementing; use billiard's message verbatim."),
    JQ_JOIN_01("JQ-JOIN-01", always(),
            "join() waits for the last taskDone and no longer",
            "seed JoinableQueue.join; BEHAVIOUR row 14",
            "join() does not return while items are unfinished (no early return after a spurious wake-up), and"
                    + " returns promptly after the last taskDone() from another thread; join() with a zero count returns"
                    + " at once.",
            "Wait in a loop on the predicate 'unfinished == 0', not once on the condition."),
    JQ_JOIN_02("JQ-JOIN-02", always(),
            "join(timeout) returns false after the timeout, not before and not much later",
            "JoinableQueue.join(Duration); BEHAVIOUR row 14",
            "With an unfinished task, join(timeout) returns false no earlier than the timeout and no later than"
                    + " timeout + tolerance.",
            "Measure the deadline with System.nanoTime; loop on spurious wake-ups."),
    JQ_FULL_01("JQ-FULL-01", always(),
            "a rejected put does not count as an unfinished task",
            "Full Javadoc; BEHAVIOUR row 2",
            "After putNowait raised Full, taking and finishing the queued items makes join(0) true.",
            "Increment the unfinished count only after the item was accepted."),
    JQ_MODEL_01("JQ-MODEL-01", always(),
            "random action sequences on a JoinableQueue match a model",
            "seed JoinableQueue: put, get, task_done, join",
            "jqwik sequences of put/putNowait/get/getNowait/taskDone/join(0) compared with a FIFO-plus-counter model.",
            "Read the shrunk sequence in the failure: it is the shortest series of calls that disagrees."),
    JQ_INT_01("JQ-INT-01", always(),
            "join() responds to interrupt",
            "JoinableQueue.join Javadoc",
            "Interrupting a thread blocked in join() makes it throw InterruptedException with the status cleared;"
                    + " the count is unchanged.",
            "Wait interruptibly."),
    JQ_INT_02("JQ-INT-02", always(),
            "join(timeout) responds to interrupt",
            "JoinableQueue.join(Duration) Javadoc",
            "As JQ-INT-01 for the timed form.",
            "The timed wait must be interruptible too."),
    JQ_CLOSED_01("JQ-CLOSED-01", always(),
            "taskDone and join on a closed handle raise QueueClosedException",
            "BEHAVIOUR row 9",
            "After close(), taskDone(), join() and join(timeout) throw QueueClosedException.",
            "Check the closed flag in the JoinableQueue methods too."),
    JQ_ENCODE_01("JQ-ENCODE-01", features(ENCODE_AT_PUT),
            "an item that cannot be encoded does not count as an unfinished task",
            "BEHAVIOUR row 7",
            "After put(non-serializable) threw CodecException, join(0) is still true.",
            "Encode before incrementing the unfinished count."),

    // ----------------------------------------------------------------------------------- SimpleQueue
    SQ_PUTGET_01("SQ-PUTGET-01", always(),
            "SimpleQueue put then get returns equal items in order",
            "seed SimpleQueue.put, get",
            "Items (null included) put on a SimpleQueue come back equal and in order; get() waits for an item.",
            "Check framing and the codec round trip of the SimpleQueue."),
    SQ_EMPTY_01("SQ-EMPTY-01", always(),
            "SimpleQueue.empty() works",
            "seed SimpleQueue.empty(); BEHAVIOUR row 15",
            "empty() is true for a new SimpleQueue, false after a put returned, and true after the item was got.",
            "SimpleQueue.put writes synchronously, so empty() can check the transport (e.g. FIONREAD)."),
    SQ_PAYLOAD_01("SQ-PAYLOAD-01", always(),
            "sendPayload then getPayload returns the bytes unchanged",
            "BEHAVIOUR row 17 (get_payload, send_payload)",
            "Generated byte arrays (empty included) come back byte for byte; the sender's array is copied.",
            "Do not re-encode payloads; copy the array before returning from sendPayload."),
    SQ_PAYLOAD_02("SQ-PAYLOAD-02", always(),
            "payloads and items interoperate through the queue's codec",
            "BEHAVIOUR row 17",
            "getPayload() after put(x) returns bytes the codec decodes to x; get() after sendPayload(codec.encode(x))"
                    + " returns x.",
            "put must write exactly codec.encode(item) as the payload, and get must decode exactly one payload."),
    SQ_CODEC_01("SQ-CODEC-01", always(),
            "every codec fast-path type round-trips through a SimpleQueue",
            "seed SimpleQueue.put(obj)/get()",
            "Generated items of every fast-path type come back equal.",
            "Check the SimpleQueue's codec path."),
    SQ_CLOSED_01("SQ-CLOSED-01", always(),
            "every operation on a closed SimpleQueue handle raises QueueClosedException",
            "seed SimpleQueue.close(); BEHAVIOUR row 16",
            "After close(): get, put, empty, getPayload and sendPayload throw QueueClosedException; close() is"
                    + " idempotent and isClosed() is true.",
            "Check the closed flag at the start of every SimpleQueue operation."),
    SQ_INT_01("SQ-INT-01", always(),
            "SimpleQueue.get() responds to interrupt",
            "SimpleQueue Javadoc",
            "Interrupting a thread blocked in get() on an empty SimpleQueue gives InterruptedException, status"
                    + " cleared, nothing taken.",
            "Make the blocking read interruptible and release the read lock."),
    SQ_INT_02("SQ-INT-02", always(),
            "SimpleQueue.getPayload() responds to interrupt",
            "SimpleQueue Javadoc",
            "As SQ-INT-01 for getPayload().",
            "Make the blocking read interruptible."),
    SQ_INT_03("SQ-INT-03", always(),
            "SimpleQueue.put()/sendPayload() waiting to write responds to interrupt and writes nothing",
            "SimpleQueue.put and sendPayload Javadoc",
            "While one thread's sendPayload of an 8 MiB payload nobody reads yet is under way, another thread's"
                    + " sendPayload and put either complete at once (the transport took everything) or, while they"
                    + " wait, throw InterruptedException promptly when interrupted, status cleared; a reader then gets"
                    + " the large payload intact and nothing of the interrupted calls.",
            "Wait for the write lock (or room) interruptibly, and check the interrupt before writing the first byte."),
    SQ_TOOLARGE_01("SQ-TOOLARGE-01", features(ENCODE_AT_PUT),
            "a SimpleQueue payload over maxItemBytes is rejected at the call",
            "BEHAVIOUR row 18",
            "sendPayload of maxItemBytes()+1 bytes throws ItemTooLargeException and nothing is written.",
            "Check the payload length against Context.maxItemBytes() in sendPayload and put."),

    // ----------------------------------------------------------------------------------- TaskProcess
    PROC_START_01("PROC-START-01", always(),
            "start() runs the task once; a second start() is refused",
            "billiard Process.start()",
            "The task runs after start(); start() again throws IllegalStateException; join() before start() throws"
                    + " IllegalStateException.",
            "Track the started state; reject a second start."),
    PROC_EXIT_01("PROC-EXIT-01", always(),
            "exitCode and isAlive follow the life of the process",
            "billiard Process.exitcode, is_alive()",
            "exitCode() is empty before start and while running, 0 after the task returned; isAlive() is true only"
                    + " while running; failure() is empty after success.",
            "Publish the exit code only once the task has finished (and its queues flushed)."),
    PROC_EXIT_02("PROC-EXIT-02", always(),
            "an uncaught exception gives exit code 1 and a failure with the remote stack trace",
            "billiard Process (traceback); TaskProcess.failure()",
            "A task throwing IllegalStateException(\"boom\") exits with 1, and failure() names the class, the message"
                    + " and a stack trace that contains the task's frames.",
            "Catch Throwable in the child, send TaskFailure.copyOf(e) to the parent, exit with 1."),
    PROC_EXIT_03("PROC-EXIT-03", features(CROSS_PROCESS),
            "System.exit(n) in the task gives exit code n",
            "billiard Process.exitcode (sys.exit)",
            "A task calling System.exit(7) exits with code 7.",
            "Report the child JVM's real exit status."),
    PROC_JOIN_01("PROC-JOIN-01", always(),
            "join(timeout) on a running process returns false after the timeout; true once it exited",
            "billiard Process.join(timeout)",
            "join(timeout) returns false no earlier than the timeout and no later than timeout + tolerance while the"
                    + " task runs, and true promptly after it ends.",
            "Wait on the process's termination with a monotonic deadline."),
    PROC_INT_01("PROC-INT-01", always(),
            "TaskProcess.join() responds to interrupt",
            "TaskProcess.join Javadoc",
            "Interrupting a thread blocked in join() gives InterruptedException with the status cleared; the process"
                    + " keeps running.",
            "Wait interruptibly (e.g. CompletableFuture/latch), never swallow the interrupt."),
    PROC_INT_02("PROC-INT-02", always(),
            "TaskProcess.join(timeout) responds to interrupt",
            "TaskProcess.join(Duration) Javadoc",
            "As PROC-INT-01 for the timed form.",
            "The timed wait must be interruptible too."),
    PROC_NAME_01("PROC-NAME-01", always(),
            "name and daemon flag come from the options",
            "billiard Process(name=…, daemon=…)",
            "withName(\"worker-7\") gives name() 'worker-7', the default name is not blank and differs between"
                    + " processes, isDaemon() reflects withDaemon.",
            "Copy name and daemon from ProcessOptions; generate TaskProcess-N names."),
    PROC_PID_01("PROC-PID-01", always(),
            "pid() is empty before start and present after",
            "billiard Process.pid",
            "pid() is empty before start() and a positive number after.",
            "Record the pid when the process starts."),
    PROC_SIGNAL_01("PROC-SIGNAL-01", features(SIGNALS),
            "terminate() and kill() end the process with -15 and -9",
            "billiard Process.terminate(), kill(), exitcode -N",
            "A blocked task terminated gets exit code -15, one killed gets -9; both stop being alive promptly.",
            "Deliver SIGTERM/SIGKILL and map 'killed by signal n' to -n."),
    PROC_CLOSE_01("PROC-CLOSE-01", always(),
            "close() stops a running process and waits for it",
            "TaskProcess.close() Javadoc",
            "close() on a process blocked in a queue get returns promptly with the process no longer alive; close()"
                    + " again and close() of an unstarted process do nothing.",
            "close() must kill (or interrupt) and then wait; make it idempotent."),
    PROC_JVMOPTS_01("PROC-JVMOPTS-01", features(CROSS_PROCESS),
            "ProcessOptions.withJvmOptions reaches the child JVM",
            "ProcessOptions.withJvmOptions Javadoc",
            "A task started with withJvmOptions(List.of(\"-Djbilliard.tck.probe=<value>\")) reads that system property"
                    + " in its own JVM.",
            "Append the options to the child's command line (after the implementation's own), before the main class."),
    PROC_CLOSE_02("PROC-CLOSE-02", always(),
            "close() by an interrupted thread still stops the process and keeps the interrupt status",
            "TaskProcess.close() Javadoc; java.util.concurrent interrupt semantics",
            "close() called with the caller's interrupt status set stops the running process and waits for it as"
                    + " without the interrupt, and returns with the interrupt status still set (close() cannot throw"
                    + " InterruptedException, so it must not swallow the interrupt).",
            "Wait uninterruptibly in close(): remember an InterruptedException, keep waiting, and re-assert the"
                    + " interrupt before returning."),
    PROC_SERIAL_01("PROC-SERIAL-01", always(),
            "a task that cannot be serialized is refused by process()",
            "Context.process Javadoc",
            "process(task capturing a non-serializable object) throws IllegalArgumentException at the call.",
            "Serialize the task in process(), not in the child."),
    PROC_CAPTURE_01("PROC-CAPTURE-01", always(),
            "captured values are copies, captured queue handles denote the same queue",
            "Task Javadoc (billiard Process args)",
            "A task gets from a captured queue what the parent put and puts back a result; a list it captured and"
                    + " mutated is unchanged in the parent.",
            "Serialize the task with its captures; handles must serialize as attachments to the same queue."),
    PROC_OUTPUT_01("PROC-OUTPUT-01", always(),
            "captured output is refused unless it was requested",
            "TaskProcess.capturedStdout Javadoc",
            "capturedStdout() and capturedStderr() throw IllegalStateException when the options did not ask for"
                    + " capture.",
            "Check ProcessOptions.captureOutput() in the accessors."),
    PROC_OUTPUT_02("PROC-OUTPUT-02", features(CROSS_PROCESS),
            "a child's output is captured when requested",
            "ProcessOptions.withCapturedOutput",
            "With capture, what the task printed to System.out and System.err is returned after join().",
            "Redirect the child's streams to pipes and drain them in the parent."),

    // ------------------------------------------------------------------------------ across processes
    X_EXACTLY_ONCE_01("X-EXACTLY-ONCE-01", always(),
            "N producers x M consumers: every item exactly once, per-producer order kept",
            "seed Queue example; BEHAVIOUR row 23",
            "3 producer processes and 2 consumer processes share a bounded Queue; the consumers report every item"
                    + " they got; each item is got exactly once, and each consumer sees each producer's items in order.",
            "Check the read and write locks across processes and the feeder's flush before a process exits."),
    X_JOINABLE_01("X-JOINABLE-01", always(),
            "JoinableQueue across processes: workers' taskDone releases the parent's join",
            "seed JoinableQueue example",
            "2 worker processes get and taskDone 10 items; the parent's join() returns after the last one and every"
                    + " item was processed once.",
            "The unfinished count must be shared by all processes, and taskDone in a child must wake join()."),
    X_SIMPLE_01("X-SIMPLE-01", always(),
            "SimpleQueue across processes: every item exactly once",
            "seed SimpleQueue example",
            "A producer process and 2 consumer processes share a SimpleQueue with sentinels; each item is got"
                    + " exactly once and in order per consumer.",
            "Check the SimpleQueue's read lock across processes."),
    X_SEED_01("X-SEED-01", always(),
            "the seed's producer/consumer example with a re-queued sentinel works",
            "seed Queue usage example",
            "A producer process puts 0..9 and None into Queue(maxsize=5); two consumers re-queue the sentinel and"
                    + " stop; together they consumed 0..9 once.",
            "Check blocking put on a bounded queue across processes and the sentinel round trip."),
    X_FLUSH_01("X-FLUSH-01", always(),
            "items a task put are in the queue once join() returns",
            "TaskProcess Javadoc (happens-before join); BEHAVIOUR row 10",
            "A task puts 200 items and returns; after join() the parent takes all 200 with getNowait/get(0)"
                    + " (with IMMEDIATE_VISIBILITY) or get(timeout) otherwise.",
            "A child must flush its feeders before it exits (unless cancelJoinThread was called)."),
    X_LIFETIME_01("X-LIFETIME-01", always(),
            "a queue captured by a started process outlives the parent's close()",
            "seed Queue example (Process(target, args=(q,)) then q.close()); Task Javadoc",
            "A started process that first uses its captured handle after the parent closed its own handle still"
                    + " gets every item the parent put before closing.",
            "A started (or created) process that captured a handle is a user of the queue even before it attached:"
                    + " do not remove the queue's resources when the last attached handle closes while such a"
                    + " process may still attach."),
    X_HEAP_01("X-HEAP-01", features(CROSS_PROCESS),
            "a task runs with its own heap",
            "Feature.CROSS_PROCESS",
            "A static field written by the task is unchanged in the parent, and the task's pid differs from the"
                    + " parent's.",
            "Run the task in a new JVM."),

    // ---------------------------------------------------------------------------- features (absence)
    FEAT_QSIZE_01("FEAT-QSIZE-01", absent(QSIZE),
            "without QSIZE, qsize() raises UnsupportedOperationException",
            "Feature.QSIZE; billiard on macOS",
            "qsize() on a Queue and a JoinableQueue throws UnsupportedOperationException.",
            "Either declare QSIZE (and count exactly) or throw UnsupportedOperationException."),
    FEAT_SIGNALS_01("FEAT-SIGNALS-01", absent(SIGNALS),
            "without SIGNALS, terminate() and kill() raise UnsupportedOperationException",
            "Feature.SIGNALS",
            "On a started process, terminate() and kill() throw UnsupportedOperationException.",
            "Either declare SIGNALS (and deliver them) or throw UnsupportedOperationException."),
    FEAT_ATTACH_01("FEAT-ATTACH-01", features(ATTACH_BY_ADDRESS),
            "attach by address gives a handle on the same queue",
            "Feature.ATTACH_BY_ADDRESS",
            "attachQueue/attachJoinableQueue/attachSimpleQueue(address()) give handles on the same queues (an item"
                    + " put on one is got on the other); an unknown address or a wrong kind throws"
                    + " IllegalArgumentException.",
            "Resolve the address to the same transport and check its kind."),
    FEAT_ATTACH_02("FEAT-ATTACH-02", absent(ATTACH_BY_ADDRESS),
            "without ATTACH_BY_ADDRESS, address() and attach raise UnsupportedOperationException",
            "Feature.ATTACH_BY_ADDRESS",
            "address() on each queue kind and attachQueue/attachJoinableQueue/attachSimpleQueue throw"
                    + " UnsupportedOperationException.",
            "Either declare ATTACH_BY_ADDRESS or throw UnsupportedOperationException."),
    FEAT_CROSS_01("FEAT-CROSS-01", absent(CROSS_PROCESS),
            "without CROSS_PROCESS, tasks run in the calling JVM",
            "Feature.CROSS_PROCESS",
            "The pid() of a started process is the pid of the calling JVM.",
            "Declare CROSS_PROCESS if tasks run in other processes."),

    // ---------------------------------------------------------------------------------- crash safety
    CRASH_CONSUMER_01("CRASH-CONSUMER-01", features(CRASH_SAFE, SIGNALS),
            "a consumer killed while blocked in get does not wedge the queue",
            "BEHAVIOUR row 19",
            "Crash point deterministic: a consumer process that announced its get() and is blocked in it is"
                    + " killed; then another process's put and the parent's get work within the deadline, and nothing"
                    + " was lost.",
            "Use a robust lock for readers (EOWNERDEAD recovery) or detect the dead holder."),
    CRASH_PRODUCER_01("CRASH-PRODUCER-01", features(CRASH_SAFE, SIGNALS),
            "a producer killed mid-stream never leaves a torn item or a wedged queue",
            "BEHAVIOUR row 20",
            "Crash point sampled: in each round a producer streams 96 KiB self-checking items into a queue of"
                    + " maxsize 3; once it has refilled the queue (asserted) the parent frees one slot and kills it 0, 25,"
                    + " 50, 100 or 250 µs, 1 or 10 ms later, wherever it then is (waking, mid-write, done): each delay"
                    + " once, then again until two kills landed mid-put, 21 kills at most. Every item"
                    + " got afterwards is intact and the queue keeps working for a survivor. The result reports how many"
                    + " kills landed before the item written into the freed slot had arrived whole; with none it is"
                    + " not verified. Evidence, not proof, that no crash point tears an item.",
            "Discard partial frames of a dead writer; recover the write lock."),
    CRASH_PRODUCER_02("CRASH-PRODUCER-02", features(CRASH_SAFE, SIGNALS),
            "capacity and count recover after a producer dies",
            "BEHAVIOUR row 21",
            "Crash point deterministic: a producer is killed once the bounded queue it refilled is full (asserted)"
                    + " and it is blocked in its last put; the queue can be drained and then filled to maxsize again by"
                    + " the survivors (and qsize() is 0 when drained, where QSIZE is declared).",
            "Release the slots of items that died with their producer."),
    CRASH_JOIN_01("CRASH-JOIN-01", features(CRASH_SAFE, SIGNALS),
            "a worker killed between get and taskDone leaves join(timeout) usable",
            "BEHAVIOUR row 22",
            "Crash point deterministic: a worker reports the item it got and is killed while waiting, before"
                    + " taskDone; join(timeout) returns false after the timeout, and the queue keeps working (put, get,"
                    + " taskDone, join).",
            "join(Duration) must honour its deadline even when the waiter's counterpart died."),
    CRASH_SIMPLE_01("CRASH-SIMPLE-01", features(CRASH_SAFE, SIGNALS),
            "a SimpleQueue consumer killed while blocked in get does not wedge it",
            "BEHAVIOUR row 19",
            "Crash point deterministic: as CRASH-CONSUMER-01 for a SimpleQueue.",
            "Recover the SimpleQueue's read lock from a dead holder."),

    // ----------------------------------------------------------------------------- stalled participants
    STALL_CONSUMER_01("STALL-CONSUMER-01", features(SIGNALS),
            "a consumer stopped while blocked in get does not hold up the others' bounded calls",
            "BEHAVIOUR rows 6 and 19; Queue Javadoc (deadlines)",
            "A consumer process blocked in get() is stopped (SIGSTOP by its pid; needs CROSS_PROCESS on Linux, or a"
                    + " TaskProcess implementing the TCK's Suspendable). While it is stopped the parent's getNowait()"
                    + " answers at once, get(timeout) keeps its deadline (timeout + 100 ms × time factor) and"
                    + " putNowait() returns at once, also once an item is queued; after SIGCONT every item put is got"
                    + " exactly once, by the consumer or the parent.",
            "A reader must not hold the read lock while it waits for data, or others must not wait for that lock"
                    + " beyond their deadline: an item a stopped reader cannot take is Empty for a nowait get, not a wait."),
    STALL_PRODUCER_01("STALL-PRODUCER-01", features(SIGNALS),
            "a producer stopped mid-way through putting a large item does not hold up the others' bounded calls",
            "BEHAVIOUR rows 6 and 20; Queue Javadoc (deadlines)",
            "A producer process putting an 8 MiB item nobody reads yet (so it cannot have finished writing it) is"
                    + " stopped. While it is stopped the parent's getNowait() answers at once (Empty, or the whole item),"
                    + " get(timeout) keeps its deadline and the parent's putNowait() of a small item returns at once;"
                    + " after SIGCONT the large item arrives intact and both items are got exactly once.",
            "An item counted but not completely written is owed: a get that reaches its deadline throws Empty and"
                    + " the item goes to a later get; never wait for a writer beyond the caller's deadline.");

    private final String id;
    private final Need need;
    private final String title;
    private final String source;
    private final String intent;
    private final String hint;

    Rule(String id, Need need, String title, String source, String intent, String hint) {
        this.id = id;
        this.need = need;
        this.title = title;
        this.source = source;
        this.intent = intent;
        this.hint = hint;
    }

    /**
     * Returns the rule's ID, e.g. {@code Q-PUT-01}.
     *
     * @return the ID used in test names, documents and reports
     */
    public String id() {
        return id;
    }

    /**
     * Returns when the rule applies.
     *
     * @return the need
     */
    public Need need() {
        return need;
    }

    /**
     * Returns the rule's level: optional if it needs a feature.
     *
     * @return {@code "required"} or {@code "optional"}
     */
    public String level() {
        return need.required().isEmpty() ? "required" : "optional";
    }

    /**
     * Returns whether the rule is required of every implementation.
     *
     * @return {@code true} for required rules
     */
    public boolean required() {
        return need.required().isEmpty();
    }

    /**
     * Returns a one-line title.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * Returns where the rule comes from: a member of the seed specification or a BEHAVIOUR row.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns what the rule checks.
     *
     * @return the intent
     */
    public String intent() {
        return intent;
    }

    /**
     * Returns where to look when the rule fails.
     *
     * @return the "if this fails, check…" hint
     */
    public String hint() {
        return hint;
    }

    /**
     * Finds a rule by its ID.
     *
     * @param id e.g. {@code Q-PUT-01}
     * @return the rule
     * @throws IllegalArgumentException if there is none
     */
    public static Rule byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equals(id)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("no TCK rule with ID " + id);
    }
}
