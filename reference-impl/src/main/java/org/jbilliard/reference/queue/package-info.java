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
 *     overflow 0600   the part read so far of a frame longer than the read stage (OverflowStage);
 *                     created by the first reader of such a frame, space reserved before use
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
 * {@link org.jbilliard.reference.queue.PipeQueues#maxItemBytes()} (1 GiB), or to a handle's smaller
 * limit ({@link org.jbilliard.reference.queue.PipeQueues#limitItems}, which
 * {@code new ReferenceContext(maxItemBytes)} applies to each handle it makes; a serialized handle keeps it).
 *
 * <h2>Control block</h2>
 * <pre>
 *  +------------------+  0    header: magic, version, kind, maxsize, creator, state
 *  | admin lock       |  64   attach / detach / file deletion
 *  | read lock        |  128  owner identity (pid + start time), waiters
 *  | write lock       |  192  owner identity, waiters, repair requester identity
 *  | counters         |  256  qsize (futex), unfinished (futex), waiter counts
 *  | writer state     |  320  wPub (futex): frames published; wPos: bytes written; seqlock
 *  | reader state     |  384  rSeq (futex): frames consumed; rPos: bytes consumed; seqlock;
 *  |                  |       private (where an over-stage frame is read); waiter counts
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
 * {@code rSeq + 1}. Frames longer than the stage are read into the shared overflow file beside the
 * control block ({@link org.jbilliard.reference.queue.OverflowStage}), so they too survive a reader
 * that is killed or gives up at its deadline; only if that file's space cannot be reserved are they
 * finished in the reader's private memory.
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
 * {@code write}, without copying it again. A payload of 32 KiB or more is not copied at all while
 * at most 64 MiB of them wait: the chunk gets its header, and the feeder writes the codec's array
 * after it.
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
 * it, {@code qsize()}, {@code empty()} and {@code full()} agree in every process, and
 * {@code getNowait()} returns an item while one is counted (BEHAVIOUR row 6) — unless it is
 * <em>owed</em>: a reader that sees a counted item waits for it until its deadline (a call that may
 * not wait: 5 ms, the time a running participant needs to publish it or to pass the read lock on),
 * never longer, because the participant holding it may not be running (stopped, paused, starved).
 * It then throws {@code Empty}, and the item goes to a later {@code get}: what was read of its frame
 * stays in the stage (or the overflow file) and the next reader continues there. A
 * {@code SimpleQueue} runs the feeder's part in the caller.
 *
 * <h2>The core and its locks</h2>
 * {@link org.jbilliard.reference.queue.PipeChannel} is one process's attachment (creation, attach,
 * release; the admin lock guards the {@code state} word and slot claims). The rest is split along
 * the words each lock guards:
 * <ul>
 * <li>{@link org.jbilliard.reference.queue.Counters} — {@code qsize}, the slot's {@code pending},
 * {@code unfinished}, {@code join}; no lock: 64-bit compare-and-set on the reservation word
 * ({@code qsize} and the last reservation's tag) and the slot word ({@code pending} and its last
 * completed tag), so that a reservation cut short by a kill is completed by whoever comes next.</li>
 * <li>{@link org.jbilliard.reference.queue.DeadParticipants} — the slot-table scans; no lock, a
 * compare-and-set on a slot's identity makes each repair happen once.</li>
 * <li>{@link org.jbilliard.reference.queue.StreamWriter} — the write lock: {@code wPub},
 * {@code wPubBytes}, {@code wPos}, {@code wSeqlock}, the ring entries from {@code wPub} on.</li>
 * <li>{@link org.jbilliard.reference.queue.StreamReader} — the read lock: {@code rSeq}, {@code rPos},
 * {@code rSeqlock}, {@code private}, the read stage and the overflow file.</li>
 * <li>{@link org.jbilliard.reference.queue.StreamRepair} — the repair steps, each asserting the
 * locks it holds.</li>
 * <li>{@link org.jbilliard.reference.queue.Waits} — the wait policy and the wake-up paired with each
 * sleep.</li>
 * </ul>
 * Crash tests stop a participant at named points through
 * {@link org.jbilliard.reference.queue.PausePoints}, injected into each attachment ({@code NONE} in
 * production; the test class path provides an implementation through {@code ServiceLoader}).
 *
 * <h2>Crash safety</h2>
 * Locks record the owner's identity (pid and start time, so pid reuse cannot fool them); a waiter
 * that finds the owner dead — on positive evidence only: {@code kill(pid, 0)} says the pid does not
 * exist, or {@code /proc} shows another process or a zombie under it; any other answer counts as
 * alive — takes the lock over and repairs what it left, using the positions both sides recorded,
 * the ring, and {@code FIONREAD}:
 * <ul>
 * <li><b>Dead participant (slot)</b> — found by any waiter that scans the slot table: its
 * {@code pending} items (accepted, never published) are subtracted from {@code qsize} (and
 * {@code unfinished}).</li>
 * <li><b>Dead writer</b> — the write lock's owner died: the lock is kept (so nobody writes) and the
 * stream position the dead writer reached is computed as {@code rPos + FIONREAD} while the reader
 * side is stable: we hold the read lock, or the reader holding it repairs on our behalf through the
 * repair request, which names us and is served only while we own the write lock (every repair of a
 * dead writer clears a request that is void). If the dead writer's seqlock is even, its {@code wPos}
 * is exact and serves as well. Frames of its batch that were completely written are kept; the frame
 * it was writing is shortened to the bytes actually written and flagged skip; frames it never
 * started get length 0 and the skip flag. Skipped frames are subtracted from {@code qsize}. New
 * frames then start where the dead writer stopped, so the stream never desynchronises.</li>
 * <li><b>Dead reader</b> — the read lock's owner died: the new holder computes how far it really read
 * as {@code wPos - FIONREAD} (writer seqlock even and unchanged around the {@code ioctl}) or trusts
 * its {@code rPos} if its seqlock is even. What it moved into the stage or the overflow file is still
 * there, so nothing is lost. Only a frame it was finishing in private memory (no room for the
 * overflow file) dies with it. A new holder that cannot settle this before its deadline (a writer
 * that is not running, with its seqlock odd) hands the lock back to a dead-by-construction owner, so
 * the next contender repairs.</li>
 * <li><b>Both dead inside a system call</b>, an accounting mismatch (bytes written into the FIFO from
 * outside the protocol), or a frame failing its checks: the holder of both locks drains the FIFO and
 * drops every published, unread frame.</li>
 * </ul>
 * Crash points tested by killing a real JVM: a consumer blocked in {@code get} holding the read lock,
 * a consumer mid-read (a frame within the stage and one larger than it), a producer mid-write of a
 * large frame (with and without a reader inside that frame), a producer holding the write lock
 * before publishing (repaired directly, and through a blocked reader on a writer's request), a
 * reader and a writer killed inside the same frame, a producer between counting an item and
 * recording it in its slot, a producer between {@code put} and the flush, and a worker between
 * {@code get} and {@code taskDone}; plus random kills of producers and consumers under load.
 * Participants stopped (SIGSTOP) holding the read lock, blocked in {@code get}, half-way through a
 * frame, holding counted items, holding the write lock while a reader resynchronises after foreign
 * bytes, or holding the read lock while a writer waits for them to repair its dead predecessor are
 * tested for deadlines and owed items.
 *
 * <p><b>The chaos run.</b> {@code ./mvnw -B -Pchaos -pl reference-impl -am verify
 * -Dtest=QuickChaosTest -Dsurefire.failIfNoSpecifiedTests=false} at {@code 57069d6}, seed
 * 6171902056330, time factor 1 (each bounded call allowed its timeout + 200 ms), on an otherwise idle
 * two-core machine (load average 0.70 at the start, 9.9 at the end): 200 kills (95 producers, 105
 * consumers) and 100 SIGSTOP/SIGCONT pairs (25.3 s stopped); 185 586 items put, 185 318 delivered,
 * 278 lost, all held by killed processes; 0 hangs, 0 corrupted, 0 duplicated, {@code qsize() == 0}
 * after. Overrun of the 372 675 bounded calls: p99 2.7 ms, max 111 ms ({@code get} 0.0 / 70.2 ms,
 * {@code getNowait} 13.1 / 111 ms, {@code put} 0.0 / 50.5 ms, {@code putNowait} 17.8 / 60.8 ms).
 *
 * <p><b>Known limits.</b> A kill between two adjacent counter updates of a reader (a window of a few
 * instructions: after it moved {@code rSeq} past a frame and before it lowered {@code qsize}) leaves
 * one item counted that does not exist: a capacity leak of one, never a lost count. (A producer has
 * no such window: the reservation that counts an item and the completion that records it in the
 * producer's slot are tied by a tag that any participant completes, see
 * {@link org.jbilliard.reference.queue.Counters}; a producer killed between them is tested. Of a
 * joinable queue's {@code unfinished} count, a kill between its increment and the clearing of the
 * slot's mark, two adjacent instructions, leaves it one too high.) A reader and a writer both
 * killed <em>inside</em> their {@code read}/{@code write} system calls leave the stream position
 * ambiguous; the repair then drains the FIFO and drops the published, unread frames. The pipe is
 * only enlarged while the user is under {@code /proc/sys/fs/pipe-user-pages-soft}; beyond it queues
 * work with the default (smaller) pipe.
 *
 * <h2>Waiting</h2>
 * Every bounded call keeps its deadline, whatever other participants do: {@code getNowait()},
 * {@code putNowait()}, {@code get(timeout <= 0)} and {@code put(timeout <= 0)} never wait for another
 * participant; {@code get(t)}, {@code put(t)} and {@code join(t)} return within {@code t} + 50 ms on an
 * idle machine (BEHAVIOUR rows 6 and 19). That holds for the repairs too: a resynchronisation after a
 * corrupt frame that needs a writer which is not running (the rest of its frame, or its write lock)
 * ends at the deadline with {@code Empty} and is <em>owed</em> — the control block says what is left
 * to do, and the next reader finishes it before it takes a frame, throwing the
 * {@code QueueCorruptedException} that says what was lost; a writer that waits for a reader to
 * repair its dead predecessor sleeps in slices, ends at an interrupt or {@code close()} of its handle
 * (the write lock then goes back unrepaired, to the next writer) and repairs itself once that reader
 * died. (A feeder's waits end only at an interrupt of its thread: {@code close()} lets it flush, as
 * in billiard.) Blocked callers spin briefly (once per call), then sleep in
 * {@code futex} or {@code poll} — never a busy loop, also not a writer waiting for ring entries,
 * which sleeps on {@code rSeq} — in slices of 20 ms, never past their deadline, re-checking
 * interrupts, closed handles and the liveness of whoever they wait for between slices. A reader
 * waiting on an empty queue is owed nothing, so it has no one's liveness to watch: it sleeps in
 * slices of 100 ms (bounding only how late it sees an interrupt; {@code close()} wakes it), so an
 * idle consumer costs about 10 wake-ups a second. {@code getNowait()} declares no
 * {@code InterruptedException} and, as {@code ArrayBlockingQueue.poll()}, leaves the interrupt
 * status alone.
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
 * <p>Not supported: platforms other than 64-bit Linux on x86-64, aarch64, riscv64 or loongarch64
 * (others fail when the native layer loads, saying so); participants running as different users or
 * in different PID namespaces (refused at attach).
 */
package org.jbilliard.reference.queue;
