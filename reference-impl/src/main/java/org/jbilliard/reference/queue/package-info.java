/**
 * Pipe-based queues shared by processes: billiard's {@code Queue}, {@code JoinableQueue} and
 * {@code SimpleQueue} for real JVM processes, which keep working when any participant is killed.
 *
 * <h2>Files</h2>
 * A queue is a private directory ({@code jbilliard-q-<creator pid>-<random>}, mode 0700, under
 * {@code $XDG_RUNTIME_DIR} or {@code java.io.tmpdir}); its absolute path is the queue's address.
 * <pre>
 *   jbilliard-q-4242-1f0c.../      0700
 *     fifo     0600   the item frames, back to back (enlarged to 1 MiB with F_SETPIPE_SZ)
 *     ctl      0600   the control block, mapped MAP_SHARED by every participant
 *     codec    0600   the queue's Codec, Java-serialized, for attaching processes
 * </pre>
 * Every participant opens the FIFO {@code O_RDWR | O_NONBLOCK} (so it never sees EOF, and no open
 * blocks) and uses only non-blocking {@code read}/{@code write} plus {@code poll}, never
 * {@code FileChannel} (an interrupt would close it). Attaching checks that the directory and files
 * belong to this user and are not accessible to group or others.
 *
 * <h2>Frame</h2>
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        magic "JBQF"                           |
 *  +---------------------------------------------------------------+
 *  |                  payload length (bytes, LE)                   |
 *  +---------------------------------------------------------------+
 *  |                   CRC32C of the payload (LE)                  |
 *  +---------------------------------------------------------------+
 *  |                  payload (the codec's bytes)                ...
 *  +---------------------------------------------------------------+
 * </pre>
 * See {@link org.jbilliard.reference.queue.FrameLayout}. Payloads are limited to
 * {@link org.jbilliard.reference.queue.PipeQueues#maxItemBytes()} (1 GiB).
 *
 * <h2>Control block</h2>
 * <pre>
 *  +------------------+  0    header: magic, version, kind, maxsize, creator, state
 *  | admin lock       |  64   attach / detach / file deletion
 *  | read lock        |  128  owner identity (pid + start time), waiters
 *  | write lock       |  192  owner identity, waiters, repair request
 *  | counters         |  256  qsize (futex), unfinished (futex), waiter counts
 *  | writer state     |  320  wPub (futex): frames published; wPos: bytes written; seqlock
 *  | reader state     |  384  rSeq: frames consumed; rPos: bytes consumed; seqlock
 *  +------------------+
 *  | slot table       |  512  1024 x {participant identity, pending items}: one per attached process
 *  +------------------+
 *  | frame ring       |       16384 x {stream offset, length, flags}
 *  +------------------+
 *  | read stage       |       256 KiB: stream bytes [start of frame rSeq, rPos)
 *  +------------------+
 * </pre>
 * See {@link org.jbilliard.reference.queue.ControlBlockLayout} for the exact offsets.
 *
 * <p><b>When a frame counts as published.</b> A writer holding the write lock fills the ring entry
 * of each frame of its batch (stream offset, length), lowers its slot's pending count, and then
 * stores {@code wPub} past the batch: that store publishes the frames. Only then does it write their
 * bytes, recording {@code wPos} after every {@code write}. A reader holding the read lock moves
 * published bytes out of the FIFO into the <em>read stage</em> (a 256 KiB byte ring in the control
 * block, shared like the rest of it) in reads as large as the stage allows — never a byte that is not
 * published — recording {@code rPos} after every {@code read}; it takes frame {@code rSeq} from the
 * stage once its bytes are all there (its length comes from the ring), checks it, and stores
 * {@code rSeq + 1}. Frames longer than the stage are finished in the reader's private memory.
 *
 * <h2>Put and get</h2>
 * <pre>
 *  put (caller thread)                 feeder thread               get (holds the read lock)
 *  encode + CRC                                                    wait wPub &gt; rSeq  (futex)
 *  qsize++ (capacity; futex wait)      take buffered frames        frame staged? if not, read
 *  pending++ in own slot               lock write; ring entries      all published bytes the
 *  frame into native buffer  -------&gt;  pending -= n; wPub += n       stage holds     (poll)
 *  return                              write(batch); wake readers  copy, verify; rSeq++; qsize--
 *                                      unlock                      decode outside the lock
 * </pre>
 * The feeder's buffer is native memory ({@link org.jbilliard.reference.queue.FrameBuffer}): chunks
 * of 2 MiB (huge pages where the kernel allows) in which {@code put} writes each frame's header and
 * copies the payload once, and from which the feeder writes a batch of contiguous frames with one
 * {@code write}, without copying it again.
 * A producer running far ahead of its consumers therefore grows native memory, not the Java heap.
 *
 * <p><b>Small items, idle feeder.</b> When the feeder has nothing buffered and nothing being written,
 * {@code put} writes a frame of at most 4096 bytes (PIPE_BUF: the pipe takes it whole or not at all)
 * itself, saving a thread wake-up, following the same protocol: it takes the write lock only if it
 * is free ({@code tryLock}, no waiting, no take-over from a dead owner), publishes in the ring,
 * lowers pending, stores {@code wPub}, then writes. If the lock is taken or the ring full, it
 * publishes nothing and leaves the frame to the feeder. If the write finds the FIFO full after the
 * frame was published, the write lock stays held — it belongs to the process, not to a thread — and
 * the feeder thread writes the frame's bytes before anything else and then releases it: a published
 * frame is never left unwritten, and no other writer's bytes can come between. A crash in between is
 * a dead writer like any other.
 * Because {@code qsize} is raised before {@code put} returns and only the read lock holder lowers
 * it, {@code qsize()}, {@code empty()}, {@code full()} and {@code getNowait()} agree in every process
 * (BEHAVIOUR row 6): a reader that sees a counted but unpublished item waits for it, unless the
 * participant holding it died. A {@code SimpleQueue} runs the feeder's part in the caller.
 *
 * <h2>Crash safety</h2>
 * Locks record the owner's identity (pid and start time, so pid reuse cannot fool them); a waiter
 * that finds the owner dead takes the lock over and repairs what it left, using the positions both
 * sides recorded, the ring, and {@code FIONREAD}. The protocol — dead participant, dead writer, dead
 * reader, double death — is documented on {@link org.jbilliard.reference.queue.PipeChannel}. Crash
 * points tested by killing a real JVM: a consumer blocked in {@code get} holding the read lock, a
 * consumer mid-read, a producer mid-write of a large frame (with and without a reader inside that
 * frame), a producer holding the write lock before publishing (repaired directly, and through a
 * blocked reader on a writer's request), a reader and a writer killed inside the same frame, a
 * producer between {@code put} and the flush, and a worker between {@code get} and
 * {@code taskDone}; plus random kills of producers and consumers under load.
 *
 * <p><b>Known limits.</b> A kill between two adjacent counter updates (a window of a few
 * instructions, e.g. after {@code qsize++} and before the slot's {@code pending++}) leaves one item
 * counted that does not exist: a capacity leak of one, never a lost count. A reader and a writer both
 * killed <em>inside</em> their {@code read}/{@code write} system calls leave the stream position
 * ambiguous; the repair then drains the FIFO and drops the published, unread frames. The pipe is
 * only enlarged while the user is under {@code /proc/sys/fs/pipe-user-pages-soft}; beyond it queues
 * work with the default (smaller) pipe.
 *
 * <h2>Waiting</h2>
 * Blocked callers spin briefly (once per call), then sleep in {@code futex} or {@code poll} in slices
 * of 20 ms, re-checking interrupts, deadlines, closed handles and the liveness of whoever they wait for
 * between slices. A reader waiting on an empty queue is owed nothing, so it has no one's liveness to
 * watch: it sleeps in slices of 100 ms (bounding only how late it sees an interrupt; {@code close()}
 * wakes it), so an idle consumer costs about 10 wake-ups a second.
 *
 * <h2>Lifetime</h2>
 * Each attached <em>process</em> occupies one slot of the 1 024 in the participant table: all handles
 * of a queue in one process (created, attached, received through a queue, captured by a task) share
 * one attachment — slot, FIFO descriptor, mapping — counted by reference
 * ({@link org.jbilliard.reference.queue.HandleRegistry}). A handle gives its reference back when it
 * is closed, or when it became unreachable and was collected (a {@link java.lang.ref.Cleaner}), once
 * no operation of it runs and its feeder has flushed; closing one handle never disturbs the others.
 * The last reference releases the attachment; the last attachment of the last live process (or the
 * exit of that process, via a shutdown hook that first lets the feeders flush) deletes the directory.
 * At most 1 024 processes can be attached to one queue at once; an attach beyond throws
 * {@code IllegalStateException} naming the pids that hold the slots. Slots of processes that died are
 * reclaimed by the survivors; {@link org.jbilliard.reference.queue.PipeQueues#removeStale()}
 * deletes directories no live process uses.
 *
 * <h2>Foreign bytes</h2>
 * A process of the same user can write into the FIFO. Such bytes are only ever inserted between the
 * published ones, and the ring knows every published frame's offset and length, so a reader whose
 * frame fails its checks resynchronises at the next intact published frame
 * ({@link org.jbilliard.reference.queue.FrameResync}): only the frames the garbage landed inside are
 * lost (at most one per garbage {@code write} of up to PIPE_BUF bytes), and the
 * {@code QueueCorruptedException} says how many.
 *
 * <p>Not supported: platforms other than Linux; participants running as different users.
 */
package org.jbilliard.reference.queue;
