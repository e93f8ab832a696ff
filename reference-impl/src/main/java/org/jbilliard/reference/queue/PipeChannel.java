package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.jbilliard.Codec;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.reference.nativeio.ErrnoException;
import org.jbilliard.reference.nativeio.IdentityScope;
import org.jbilliard.reference.nativeio.LibC;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * One process's attachment to a queue: the mapped control block, the FIFO descriptor and a slot in
 * the participant table, with the put/take/repair algorithms that all three queue kinds share.
 *
 * <h2>Counting</h2>
 * {@code qsize} counts items accepted by {@code put} and not yet taken, wherever they are: in a
 * feeder's buffer (counted in that participant's slot as {@code pending}), published in the ring, or
 * in the FIFO. {@code put} raises it before returning, so every process sees the item at once. Only
 * the holder of the read lock takes items, so a reader that sees {@code qsize > 0} is owed an item:
 * it waits for its frame to be published unless the producer died (then the slot repair lowers
 * {@code qsize} and the reader re-checks).
 *
 * <h2>Repair protocol</h2>
 * Every participant records its progress in the control block so that a survivor can finish or undo
 * exactly what a killed one left:
 * <ul>
 * <li><b>Dead participant (slot)</b> — found by any waiter that scans the slot table ({@link
 * #scanDeadSlots()}): its {@code pending} items (accepted, never published) are subtracted from
 * {@code qsize} (and {@code unfinished}); a compare-and-set on the slot's identity makes the repair
 * happen once.</li>
 * <li><b>Dead writer</b> — the write lock's owner died: the stolen lock is kept (so nobody writes) and
 * the stream position the dead writer reached is computed as {@code rPos + FIONREAD} while the reader
 * side is stable (we hold the read lock, or a reader holding it does the repair on our behalf via the
 * repair-request word). If the dead writer's own seqlock is even, its {@code wPos} is exact and
 * serves as well. Frames of its batch that were completely written are kept; the frame it was
 * writing is shortened to the bytes actually written and flagged skip; frames it never started get
 * length 0 and the skip flag. Skipped frames are subtracted from {@code qsize}. New frames then start
 * where the dead writer stopped, so the stream never desynchronises.</li>
 * <li><b>Dead reader</b> — the read lock's owner died: the new holder computes how far the dead
 * reader really read as {@code wPos - FIONREAD} (writer seqlock even and unchanged around the
 * {@code ioctl}) or trusts the dead reader's {@code rPos} if its seqlock is even. What it moved into
 * the shared read stage is still there, so nothing is lost: the next reader takes those frames from
 * the stage. Only a frame longer than the stage, which the dead reader was finishing in private
 * memory ({@code private} set), dies with it: committed if it was read completely, otherwise flagged
 * skip and its rest discarded by the next reader.</li>
 * <li><b>Both dead inside a system call</b>, or an accounting mismatch (bytes written into the FIFO by
 * someone outside the protocol): the holder of both locks drains the FIFO and drops every published,
 * unread frame ({@link #resyncUnderBothLocks}). A frame failing its checks (foreign bytes) costs only
 * the frames they displaced: {@link FrameResync} finds the next intact one.</li>
 * </ul>
 * The remaining imprecision is deliberately one-sided: a kill between two adjacent counter updates
 * (e.g. after {@code qsize++} but before {@code pending++}) leaves an item counted that does not
 * exist — a capacity leak of one — and never an item that exists but is not counted.
 *
 * <p><b>Thread-safety.</b> Thread-safe. The read and write locks are process-wide, so at most one
 * thread of any process reads ({@link #readBuffer} is confined to the read lock holder) and at most
 * one writes at a time. Blocking methods sleep in {@code futex}/{@code poll} slices of 20 ms (100 ms
 * on an empty queue, see {@link #EMPTY_SLICE}) and run a {@link SharedLock.Checkpoint} between slices.
 */
final class PipeChannel {

    /** Largest payload accepted, in bytes. */
    static final int MAX_ITEM_BYTES = 1 << 30;
    /** Pipe capacity asked for. */
    static final int WANTED_PIPE_SIZE = 1 << 20;

    private static final int SPINS = 2000;
    /** Pipe pages that partly filled buffers may leave unusable, in bytes; see {@link #awaitRoom}. */
    private static final int ROOM_MARGIN = 3 * 4096;
    private static final long SCAN_INTERVAL_NANOS = 20_000_000L;
    private static final long SLICE = SharedLock.SLICE_NANOS;
    /**
     * Sleep slice of a reader waiting on an empty queue. Nothing needs polling there (no counted item
     * is owed, so no dead producer to detect; repair requests and {@link #wakeBlockedReaders} wake the
     * futex), except the thread's interrupt status, which this slice bounds.
     */
    static final long EMPTY_SLICE = 100_000_000L;
    private static final SharedLock.Checkpoint UNINTERRUPTIBLE = () -> { };

    final Path dir;
    final String address;
    final String name;
    final int kind;
    final int maxsize;
    final Codec codec;
    final int pipeSize;

    private final Arena arena;
    private final ControlBlock cb;
    private final int fd;
    private final long me;
    private final int slot;
    private final long slotOffset;
    /** The read stage, a slice of the control block; only touched by the read lock holder. */
    private final MemorySegment stage;
    /** Finds the next intact frame after foreign bytes; used by the read lock holder. */
    private final FrameResync frameResync;

    /** A frame longer than this is never written from the caller (see {@link #tryWriteNow}): PIPE_BUF. */
    static final int ATOMIC_WRITE_BYTES = 4096;
    /** The lengths array of a one-frame publication; only touched by the write lock holder. */
    private final int[] lengthOfOne = new int[1];

    /** Scratch for frames being read; only touched by the read lock holder. */
    private byte[] readBuffer = new byte[8192];
    private volatile long lastScan;

    private PipeChannel(Path dir, int kind, int maxsize, Codec codec, Arena arena, ControlBlock cb, int fd,
                        int slot) {
        this.dir = dir;
        this.address = dir.toString();
        this.name = kindName(kind) + " " + dir.getFileName();
        this.kind = kind;
        this.maxsize = maxsize;
        this.codec = codec;
        this.arena = arena;
        this.cb = cb;
        this.fd = fd;
        this.me = ProcessIdentity.self();
        this.slot = slot;
        this.slotOffset = ControlBlockLayout.slot(slot);
        this.pipeSize = cb.getInt(PIPE_SIZE_OFFSET);
        this.stage = cb.segment().asSlice(STAGE_OFFSET, STAGE_SIZE);
        this.frameResync = new FrameResync(cb, fd, stage, me, name, kind);
    }

    // =================================================================== creation, attach, release

    static PipeChannel create(int kind, int maxsize, Codec codec) {
        long me = ProcessIdentity.self();
        byte[] codecBytes = serialize(codec);
        long needed = QueueFiles.RESERVED_BYTES + ((codecBytes.length + 4095L) & ~4095L);
        Path dir = QueueFiles.createDirectory(needed);
        Arena arena = Arena.ofShared();
        int fd = -1;
        boolean ok = false;
        Exception failure = null;
        try {
            // NOTE: the control block first: it is what needs the space, and all of it is reserved
            // now, so that its mapping can never fault later (see QueueFiles).
            Path ctl = dir.resolve(QueueFiles.CONTROL);
            QueueFiles.createReserved(ctl, ControlBlockLayout.SIZE, needed);
            ControlBlock cb = new ControlBlock(map(ctl, arena));
            Path codecFile = dir.resolve(QueueFiles.CODEC);
            Files.write(codecFile, codecBytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            QueueFiles.makePrivate(codecFile);
            Path fifo = dir.resolve(QueueFiles.FIFO);
            LibC.mkfifo(fifo.toString(), 0600);
            QueueFiles.makePrivate(fifo);
            fd = LibC.open(fifo.toString(), LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            enlargePipe(fd);
            cb.setInt(VERSION_OFFSET, VERSION);
            cb.setInt(KIND_OFFSET, kind);
            cb.setInt(MAXSIZE_OFFSET, maxsize);
            cb.setLong(CREATOR_OFFSET, me);
            cb.setInt(STATE_OFFSET, STATE_ALIVE);
            cb.setInt(RING_CAPACITY_OFFSET, RING_CAPACITY);
            cb.setInt(SLOT_COUNT_OFFSET, SLOT_COUNT);
            cb.setInt(PIPE_SIZE_OFFSET, LibC.fcntl(fd, LibC.F_GETPIPE_SZ, 0));
            IdentityScope scope = IdentityScope.current();
            cb.setLong(PID_NAMESPACE_OFFSET, scope.pidNamespace());
            cb.setLong(BOOT_ID_OFFSET, scope.bootHigh());
            cb.setLong(BOOT_ID_OFFSET + 8, scope.bootLow());
            // NOTE: the magic is written last; an attacher that sees it sees an initialised header.
            cb.setInt(MAGIC_OFFSET, ControlBlockLayout.MAGIC);
            cb.setLong(slot(0) + SLOT_IDENTITY, me);
            PipeChannel ch = new PipeChannel(dir, kind, maxsize, codec, arena, cb, fd, 0);
            ok = true;
            return ch;
        } catch (IOException | ErrnoException e) {
            failure = e;
        } finally {
            if (!ok) {
                if (fd >= 0) {
                    LibC.close(fd);
                }
                arena.close();
                QueueFiles.delete(dir);
            }
        }
        // NOTE: reported after the clean-up, so that the free space it states is the real one.
        throw QueueFiles.creationFailure(dir, needed, failure instanceof ErrnoException e ? e.errno() : 0, failure);
    }

    static PipeChannel attach(String address, int... acceptedKinds) {
        Path dir = QueueFiles.checkAttachable(address);
        Arena arena = Arena.ofShared();
        int fd = -1;
        boolean ok = false;
        try {
            if (Files.size(dir.resolve(QueueFiles.CONTROL)) != ControlBlockLayout.SIZE) {
                throw new IllegalArgumentException("not a jbilliard queue (control block of wrong size): " + address);
            }
            ControlBlock cb = new ControlBlock(map(dir.resolve(QueueFiles.CONTROL), arena));
            if (cb.getInt(MAGIC_OFFSET) != ControlBlockLayout.MAGIC || cb.getInt(VERSION_OFFSET) != VERSION) {
                throw new IllegalArgumentException("not a jbilliard queue (bad control block magic/version): "
                        + address);
            }
            checkScope(cb, address);
            int kind = cb.getInt(KIND_OFFSET);
            if (Arrays.stream(acceptedKinds).noneMatch(k -> k == kind)) {
                throw new IllegalArgumentException("queue at " + address + " is a " + kindName(kind)
                        + ", not a " + kindName(acceptedKinds[0]));
            }
            Codec codec = deserialize(Files.readAllBytes(dir.resolve(QueueFiles.CODEC)), address);
            fd = LibC.open(dir.resolve(QueueFiles.FIFO).toString(),
                    LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            int slot = takeSlot(cb, address);
            PipeChannel ch = new PipeChannel(dir, kind, cb.getInt(MAXSIZE_OFFSET), codec, arena, cb, fd, slot);
            ok = true;
            return ch;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot attach to queue at " + address + ": " + e, e);
        } catch (ErrnoException e) {
            throw new IllegalArgumentException("cannot attach to queue at " + address + ": " + e.getMessage(), e);
        } finally {
            if (!ok) {
                if (fd >= 0) {
                    LibC.close(fd);
                }
                arena.close();
            }
        }
    }

    /**
     * Refuses a queue created in another PID namespace or boot: its participants' identities name
     * other processes here, so neither side could tell the other's death from its life.
     */
    private static void checkScope(ControlBlock cb, String address) {
        IdentityScope mine = IdentityScope.current();
        IdentityScope queue = scopeOf(cb);
        if (!mine.equals(queue)) {
            throw new IllegalArgumentException("refusing queue at " + address + ": it was created in "
                    + queue + ", and this process runs in " + mine + "; the participants of one queue"
                    + " must share a PID namespace and boot (process identities cannot be judged across them)");
        }
    }

    /** Checks the scope again for another handle of this attachment (see {@link HandleRegistry#attach}). */
    void checkScope() {
        checkScope(cb, address);
    }

    /** The scope recorded in a control block at creation. */
    static IdentityScope scopeOf(ControlBlock cb) {
        return new IdentityScope(cb.getLong(PID_NAMESPACE_OFFSET), cb.getLong(BOOT_ID_OFFSET),
                cb.getLong(BOOT_ID_OFFSET + 8));
    }

    private static MemorySegment map(Path file, Arena arena) throws IOException {
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return fc.map(FileChannel.MapMode.READ_WRITE, 0, ControlBlockLayout.SIZE, arena);
        }
    }

    private static void enlargePipe(int fd) {
        try {
            LibC.fcntl(fd, LibC.F_SETPIPE_SZ, WANTED_PIPE_SIZE);
        } catch (ErrnoException e) {
            // EPERM above /proc/sys/fs/pipe-max-size: keep the default size, only slower
        }
    }

    private static int takeSlot(ControlBlock cb, String address) {
        long me = ProcessIdentity.self();
        lockUninterruptibly(cb, ADMIN_LOCK_OFFSET, me);
        try {
            if (cb.getInt(STATE_OFFSET) != STATE_ALIVE) {
                throw new IllegalArgumentException("no queue at " + address + " (it was closed by all its users)");
            }
            for (int i = 0; i < SLOT_COUNT; i++) {
                long off = slot(i);
                long id = cb.getLong(off + SLOT_IDENTITY);
                if (id != 0 && id != SLOT_REPAIRING && id != me && !ProcessIdentity.isAlive(id)) {
                    repairSlot(cb, i, id);
                    id = cb.getLong(off + SLOT_IDENTITY);
                }
                if (id == 0 && cb.casLong(off + SLOT_IDENTITY, 0, me)) {
                    return i;
                }
            }
            throw HandleRegistry.slotTableFull(cb, address);
        } finally {
            SharedLock.unlock(cb, ADMIN_LOCK_OFFSET);
        }
    }

    private static void lockUninterruptibly(ControlBlock cb, long offset, long me) {
        boolean interrupted = false;
        while (true) {
            try {
                SharedLock.lock(cb, offset, me, SharedLock.NO_DEADLINE, UNINTERRUPTIBLE);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives up this attachment: frees the slot (returning any items it still holds to the count), and
     * deletes the queue's files if no live participant remains. Called once, when no thread of this
     * process uses the channel any more.
     */
    void release() {
        try {
            lockUninterruptibly(cb, ADMIN_LOCK_OFFSET, me);
            try {
                int pending = cb.getInt(slotOffset + SLOT_PENDING);
                if (pending != 0) {
                    cb.setInt(slotOffset + SLOT_PENDING, 0);
                    forget(cb, kind, pending);
                }
                cb.setLong(slotOffset + SLOT_IDENTITY, 0);
                int live = 0;
                for (int i = 0; i < SLOT_COUNT; i++) {
                    long id = cb.getLong(slot(i) + SLOT_IDENTITY);
                    if (id == 0 || id == SLOT_REPAIRING) {
                        continue;
                    }
                    if (id == me || ProcessIdentity.isAlive(id)) {
                        live++;
                    } else {
                        repairSlot(cb, i, id);
                    }
                }
                if (live == 0) {
                    cb.setInt(STATE_OFFSET, STATE_DELETED);
                    QueueFiles.delete(dir);
                }
            } finally {
                SharedLock.unlock(cb, ADMIN_LOCK_OFFSET);
            }
        } finally {
            LibC.close(fd);
            arena.close();
        }
    }

    /**
     * At process exit, with a feeder stuck on a FIFO nobody reads: deletes the queue's files if no
     * other process is attached (they would otherwise outlive everyone who could use them).
     */
    void abandonAtExit() {
        lockUninterruptibly(cb, ADMIN_LOCK_OFFSET, me);
        try {
            if (!otherProcessAttached()) {
                cb.setInt(STATE_OFFSET, STATE_DELETED);
                QueueFiles.delete(dir);
            }
        } finally {
            SharedLock.unlock(cb, ADMIN_LOCK_OFFSET);
        }
    }

    /** Whether a live process other than this one is attached (and so might still read). */
    boolean otherProcessAttached() {
        for (int i = 0; i < SLOT_COUNT; i++) {
            long id = cb.getLong(slot(i) + SLOT_IDENTITY);
            if (id != 0 && id != SLOT_REPAIRING && id != me && ProcessIdentity.isAlive(id)) {
                return true;
            }
        }
        return false;
    }

    // =================================================================== counters

    int qsize() {
        return Math.max(0, cb.getInt(QSIZE_OFFSET));
    }

    int unfinished() {
        return cb.getInt(UNFINISHED_OFFSET);
    }

    /**
     * Reserves room for one item (capacity, {@code qsize}, the slot's pending count, and for a
     * joinable queue the unfinished count). Returns once every process sees the item.
     *
     * @return {@code false} if no room became free before {@code deadline}
     */
    boolean reserve(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        SpinBudget spin = null;
        while (true) {
            int q = cb.getInt(QSIZE_OFFSET);
            if (q < maxsize) {
                if (cb.casInt(QSIZE_OFFSET, q, q + 1)) {
                    break;
                }
                continue;
            }
            long now = System.nanoTime();
            if (now - lastScan >= SCAN_INTERVAL_NANOS) {
                scanDeadSlots();
                if (cb.getInt(QSIZE_OFFSET) < maxsize) {
                    continue;
                }
            }
            if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
            if (spin == null) {
                spin = new SpinBudget(SpinBudget.SHORT_NANOS);
            }
            if (spin.spin()) {
                continue;
            }
            long slice = deadline == SharedLock.NO_DEADLINE ? SLICE : Math.min(SLICE, deadline - now);
            cb.addInt(SPACE_WAITERS_OFFSET, 1);
            try {
                if (cb.getInt(QSIZE_OFFSET) == q) {
                    cb.futexWait(QSIZE_OFFSET, q, slice);
                }
            } finally {
                cb.addInt(SPACE_WAITERS_OFFSET, -1);
            }
            checkpoint.check();
        }
        // NOTE: qsize first, then unfinished, then pending: a kill between two of these leaves the
        // item over-counted (a leaked slot), never counted in pending but not in qsize.
        if (kind == KIND_JOINABLE) {
            cb.addInt(UNFINISHED_OFFSET, 1);
        }
        cb.addInt(slotOffset + SLOT_PENDING, 1);
        return true;
    }

    /** Undoes a {@link #reserve} whose item was never handed to the writer. */
    void unreserve() {
        cb.addInt(slotOffset + SLOT_PENDING, -1);
        forget(cb, kind, 1);
    }

    /** Subtracts items that will never be delivered from qsize (and unfinished), waking waiters. */
    private static void forget(ControlBlock cb, int kind, int items) {
        if (items == 0) {
            return;
        }
        cb.addInt(QSIZE_OFFSET, -items);
        if (kind == KIND_JOINABLE) {
            int left = cb.addInt(UNFINISHED_OFFSET, -items);
            if (left <= 0 && cb.getInt(JOIN_WAITERS_OFFSET) > 0) {
                cb.futexWakeAll(UNFINISHED_OFFSET);
            }
        }
        if (cb.getInt(SPACE_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(QSIZE_OFFSET);
        }
    }

    // =================================================================== joinable

    /** @return {@code false} if the count was already zero */
    boolean taskDone() {
        while (true) {
            int u = cb.getInt(UNFINISHED_OFFSET);
            if (u <= 0) {
                return false;
            }
            if (cb.casInt(UNFINISHED_OFFSET, u, u - 1)) {
                if (u == 1 && cb.getInt(JOIN_WAITERS_OFFSET) > 0) {
                    cb.futexWakeAll(UNFINISHED_OFFSET);
                }
                return true;
            }
        }
    }

    /** @return {@code true} once the unfinished count is zero, {@code false} at the deadline */
    boolean join(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        while (true) {
            int u = cb.getInt(UNFINISHED_OFFSET);
            if (u <= 0) {
                return true;
            }
            long now = System.nanoTime();
            if (now - lastScan >= 5 * SCAN_INTERVAL_NANOS) {
                scanDeadSlots();
                continue;
            }
            if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0) {
                return false;
            }
            long slice = deadline == SharedLock.NO_DEADLINE ? SLICE : Math.min(SLICE, deadline - now);
            cb.addInt(JOIN_WAITERS_OFFSET, 1);
            try {
                if (cb.getInt(UNFINISHED_OFFSET) == u) {
                    cb.futexWait(UNFINISHED_OFFSET, u, slice);
                }
            } finally {
                cb.addInt(JOIN_WAITERS_OFFSET, -1);
            }
            checkpoint.check();
        }
    }

    // =================================================================== dead participants

    /** Repairs the slots of participants that died; see the class comment. */
    void scanDeadSlots() {
        lastScan = System.nanoTime();
        for (int i = 0; i < SLOT_COUNT; i++) {
            long id = cb.getLong(slot(i) + SLOT_IDENTITY);
            if (id != 0 && id != me && id != SLOT_REPAIRING && !ProcessIdentity.isAlive(id)) {
                repairSlot(cb, i, id);
            }
        }
    }

    /**
     * Whether an item counted in qsize may still be published for frame {@code s}: some live
     * participant holds an accepted, unpublished item, or a writer is at work, or it was published.
     */
    private boolean itemOnItsWay(int s) {
        scanDeadSlots();
        // NOTE: this order matters. A writer lowers its pending count only while holding the write
        // lock, and publishes before releasing it: checking pending, then the lock, then wPub cannot
        // miss an item that moves from one to the next meanwhile.
        for (int i = 0; i < SLOT_COUNT; i++) {
            long off = slot(i);
            long id = cb.getLong(off + SLOT_IDENTITY);
            if (id != 0 && id != SLOT_REPAIRING && cb.getInt(off + SLOT_PENDING) > 0) {
                return true;
            }
        }
        return SharedLock.owner(cb, WRITE_LOCK_OFFSET) != 0 || cb.getInt(W_PUB_OFFSET) != s;
    }

    private static void repairSlot(ControlBlock cb, int index, long deadId) {
        long off = slot(index);
        if (!cb.casLong(off + SLOT_IDENTITY, deadId, SLOT_REPAIRING)) {
            return;
        }
        int pending = cb.getInt(off + SLOT_PENDING);
        cb.setInt(off + SLOT_PENDING, 0);
        forget(cb, cb.getInt(KIND_OFFSET), pending);
        cb.setLong(off + SLOT_IDENTITY, 0);
    }

    // =================================================================== writing

    /**
     * Publishes and writes {@code count} frames held back to back in {@code src}, {@code length} bytes
     * from {@code offset} (native memory or a heap array: {@code write(2)} takes either without a
     * copy). Takes the write lock (repairing after a dead holder), fills the ring entries, moves the
     * items from this slot's pending count to the ring, publishes, writes, and releases the lock.
     *
     * @param lengths    the frame lengths (the first {@code count} are used)
     * @param checkpoint run between waits for the write lock (may throw to abandon before publishing)
     * @param roomWait   if true, wait (with the checkpoint) for FIFO room for the whole batch before
     *                   publishing, so that an interrupt never leaves a frame half written
     */
    void writeFrames(MemorySegment src, long offset, int length, int[] lengths, int count,
                     SharedLock.Checkpoint checkpoint, boolean roomWait) throws InterruptedException {
        int r = SharedLock.lock(cb, WRITE_LOCK_OFFSET, me, SharedLock.NO_DEADLINE, checkpoint);
        try {
            if (r == SharedLock.OWNER_DIED) {
                repairAsWriter();
            }
            if (roomWait && length <= pipeSize) {
                awaitRoom(length, checkpoint);
            }
            while (cb.getInt(W_PUB_OFFSET) + count - cb.getInt(R_SEQ_OFFSET) > RING_CAPACITY) {
                LockSupport.parkNanos(50_000);
            }
            TestHooks.pause("writer-locked");
            publish(lengths, count);
            writeBytes(src, offset, length);
        } finally {
            SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
        }
    }

    /**
     * Fills the ring entries of {@code count} frames, moves them from this slot's pending count to
     * the ring and publishes them. The caller holds the write lock and has checked ring room.
     */
    private void publish(int[] lengths, int count) {
        int pub = cb.getInt(W_PUB_OFFSET);
        long pos = cb.getLong(W_PUB_BYTES_OFFSET);
        // NOTE: plain stores suffice for the entries: the volatile store of wPub below publishes them.
        for (int i = 0; i < count; i++) {
            long e = entry(pub + i);
            cb.setLongPlain(e + ENTRY_START, pos);
            cb.setIntPlain(e + ENTRY_LENGTH, lengths[i]);
            cb.setIntPlain(e + ENTRY_FLAGS, 0);
            pos += lengths[i];
        }
        // NOTE: pending is lowered before the publication point: a kill in between over-counts.
        cb.addInt(slotOffset + SLOT_PENDING, -count);
        cb.setLong(W_PUB_BYTES_OFFSET, pos);
        cb.setInt(W_PUB_OFFSET, pub + count); // publication point
        // NOTE: readers are woken by the writer after its first write(), see wakePublicationWaiters.
    }

    /** Writes {@code length} bytes of published frames, recording wPos after every write. Holds the write lock. */
    private void writeBytes(MemorySegment src, long offset, int length) {
        boolean woken = false;
        int done = 0;
        SpinBudget spin = new SpinBudget(SpinBudget.SHORT_NANOS);
        while (done < length) {
            int chunk = length - done;
            if (TestHooks.ENABLED && chunk > 4096 && done == 0) {
                chunk = 4096; // lets a test kill a writer with a frame half written
            }
            long n = writeOnce(src, offset + done, chunk);
            if (!woken) {
                woken = true;
                wakePublicationWaiters();
            }
            if (n > 0) {
                done += (int) n;
                spin.reset();
                if (done < length) {
                    TestHooks.pause("writer-mid-frame");
                }
            } else if (!spin.spin()) {
                LibC.poll(fd, LibC.POLLOUT, (int) (SLICE / 1_000_000));
            }
        }
    }

    /**
     * One {@code write(2)} of published bytes, bracketed by the writer's seqlock and recorded in
     * {@code wPos}, so that a repair after this writer's death knows how far it got.
     *
     * @return bytes written, or {@code -EAGAIN} (FIFO full) / {@code -EINTR}
     */
    private long writeOnce(MemorySegment src, long offset, long length) {
        cb.addInt(W_SEQLOCK_OFFSET, 1);
        long n = LibC.write(fd, src, offset, length);
        if (n > 0) {
            cb.setLong(W_POS_OFFSET, cb.getLong(W_POS_OFFSET) + n);
        }
        cb.addInt(W_SEQLOCK_OFFSET, 1);
        return n;
    }

    /** {@link #tryWriteNow} wrote nothing and published nothing: the write lock or the ring was busy. */
    static final int NOT_WRITTEN = -1;

    /**
     * Publishes and writes one small frame from the calling thread if that needs no waiting at all:
     * the write lock is free (not merely held by a dead owner, whose repair may wait), the ring has
     * room, and one non-blocking {@code write} takes the frame. Keeps the publication protocol of
     * {@link #writeFrames}: ring entry, pending, wPub, then the write.
     *
     * @param length the frame's length; at most {@link #ATOMIC_WRITE_BYTES}, which a pipe writes
     *               whole or not at all
     * @return {@code 0} if the frame is published and written (the lock is released);
     *         {@link #NOT_WRITTEN}; or, if the FIFO had no room, the number of bytes of the published
     *         frame still to write: the write lock then stays held by this process, and the caller
     *         must have them written with {@link #finishWrite}
     */
    int tryWriteNow(MemorySegment src, long offset, int length) {
        if (!SharedLock.tryLockFree(cb, WRITE_LOCK_OFFSET, me)) {
            return NOT_WRITTEN;
        }
        boolean handedOver = false;
        try {
            if (cb.getInt(W_PUB_OFFSET) + 1 - cb.getInt(R_SEQ_OFFSET) > RING_CAPACITY) {
                return NOT_WRITTEN;
            }
            TestHooks.pause("writer-locked");
            lengthOfOne[0] = length;
            publish(lengthOfOne, 1);
            int done = 0;
            while (done < length) {
                long n = writeOnce(src, offset + done, length - done);
                if (done == 0) {
                    wakePublicationWaiters();
                }
                if (n > 0) {
                    done += (int) n;
                } else if (n != -LibC.EINTR) {
                    // NOTE: published but not (wholly) written: the lock must stay held until the rest
                    // is written, or another writer's bytes would land inside this frame.
                    handedOver = true;
                    return length - done;
                }
            }
            return 0;
        } finally {
            if (!handedOver) {
                SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
            }
        }
    }

    /**
     * Writes the rest of a frame that {@link #tryWriteNow} published but could not write, then
     * releases the write lock it left held. May be called from any thread of this process.
     */
    void finishWrite(MemorySegment src, long offset, int length) {
        try {
            writeBytes(src, offset, length);
        } finally {
            SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
        }
    }

    /**
     * Wakes readers sleeping until a frame is published. Called after the first {@code write} of a
     * batch, not at the publication point: a reader woken earlier finds no bytes, and on a busy
     * machine it may take the processor from the very writer it waits for.
     */
    private void wakePublicationWaiters() {
        // NOTE: a reader raises the waiter count before its futex compares wPub, and wPub was stored
        // before this read of the count: one of us sees the other.
        if (cb.getInt(PUB_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(W_PUB_OFFSET);
        }
    }

    /**
     * Waits until the FIFO has room for {@code length} bytes. ({@code poll} cannot wait for this: it
     * reports POLLOUT as soon as one page is free.) Sleeps on the reader's seqlock, which every
     * {@code read} moves; readers wake room waiters after each read, and the slice bounds the wait
     * for a reader that is gone or outside the protocol.
     */
    private void awaitRoom(int length, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        // Without a system call first: the FIFO holds wPos - rPos bytes of the protocol (an
        // over-estimate while a read is in flight). The margin covers pipe pages that a partly read
        // head or a partly filled tail leave unusable. Bytes written from outside the protocol could
        // make this wrong; the write loop then waits for room instead (correct, but uninterruptible).
        if (cb.getLong(W_POS_OFFSET) - cb.getLong(R_POS_OFFSET) + length + ROOM_MARGIN <= pipeSize) {
            return;
        }
        while (true) {
            // NOTE: the seqlock is read before FIONREAD: a read in between changes it, so the
            // futex below does not sleep past the room that read made.
            int readProgress = cb.getInt(R_SEQLOCK_OFFSET);
            if (pipeSize - LibC.fionread(fd) >= length) {
                return;
            }
            cb.addInt(ROOM_WAITERS_OFFSET, 1);
            try {
                cb.futexWait(R_SEQLOCK_OFFSET, readProgress, SLICE);
            } finally {
                cb.addInt(ROOM_WAITERS_OFFSET, -1);
            }
            checkpoint.check();
        }
    }

    /** A read moved the reader's seqlock: wakes writers waiting for FIFO room. */
    private void wakeRoomWaiters() {
        // NOTE: the waiter raises the count before its futex compares the seqlock, and we moved the
        // seqlock before reading the count: one of us sees the other.
        if (cb.getInt(ROOM_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(R_SEQLOCK_OFFSET);
        }
    }

    /** We stole the write lock from a dead writer: get its half-written batch repaired. */
    private void repairAsWriter() {
        while (true) {
            int r = SharedLock.tryLock(cb, READ_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    repairUnderBothLocks(r == SharedLock.OWNER_DIED, true);
                    cb.setInt(REPAIR_REQUEST_OFFSET, 0);
                } finally {
                    SharedLock.unlock(cb, READ_LOCK_OFFSET);
                }
                return;
            }
            // A live reader holds the read lock: it performs the repair on our behalf.
            cb.setInt(REPAIR_REQUEST_OFFSET, 1);
            cb.futexWakeAll(QSIZE_OFFSET);
            cb.futexWakeAll(W_PUB_OFFSET);
            cb.futexWait(REPAIR_REQUEST_OFFSET, 1, SLICE);
            if (cb.getInt(REPAIR_REQUEST_OFFSET) == 0) {
                return;
            }
        }
    }

    // =================================================================== reading

    /**
     * Wakes every reader sleeping on an empty queue (of any process: the others re-check and sleep
     * again), so that a {@code close()} is noticed at once rather than after an {@link #EMPTY_SLICE}.
     */
    void wakeBlockedReaders() {
        cb.futexWakeAll(W_PUB_OFFSET);
    }

    /**
     * Takes one item's payload.
     *
     * @param deadline when to give up waiting for an item that is not counted yet
     * @return the payload (a new array), or {@code null} if the queue stayed empty until the deadline
     * @throws QueueCorruptedException if the frame failed its checks (bytes discarded)
     */
    byte[] take(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        int r;
        long lockDeadline = deadline;
        while (true) {
            r = SharedLock.lock(cb, READ_LOCK_OFFSET, me, lockDeadline, checkpoint);
            if (r != SharedLock.TIMED_OUT) {
                break;
            }
            // NOTE: the holder is taking counted items; while items remain we wait our turn (row 6).
            if (cb.getInt(QSIZE_OFFSET) <= 0) {
                return null;
            }
            lockDeadline = System.nanoTime() + SLICE;
        }
        try {
            if (r == SharedLock.OWNER_DIED) {
                repairDeadReader();
            }
            return readUnderLock(deadline, checkpoint);
        } finally {
            SharedLock.unlock(cb, READ_LOCK_OFFSET);
        }
    }

    private byte[] readUnderLock(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        SpinBudget itemSpin = new SpinBudget(SpinBudget.SHORT_NANOS);
        SpinBudget publicationSpin = new SpinBudget(SpinBudget.LONG_NANOS);
        while (true) {
            if (cb.getInt(REPAIR_REQUEST_OFFSET) != 0) {
                serveRepairRequest(false);
            }
            int s = cb.getInt(R_SEQ_OFFSET);
            int pub = cb.getInt(W_PUB_OFFSET);
            if (pub - s > 0) {
                byte[] payload = readFrame(s, checkpoint);
                if (payload != null) {
                    return payload;
                }
                continue;
            }
            int q = cb.getInt(QSIZE_OFFSET);
            long now = System.nanoTime();
            if (q <= 0) {
                if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0) {
                    return null;
                }
                if (itemSpin.spin()) {
                    continue;
                }
                TestHooks.pause("reader-waiting");
                long slice = deadline == SharedLock.NO_DEADLINE ? EMPTY_SLICE : Math.min(EMPTY_SLICE, deadline - now);
                // NOTE: an empty queue is waited on through wPub, not qsize: the item a put counts is
                // only readable once a writer publishes it, and the writer wakes publication waiters.
                // So put never makes a system call to wake readers, and a reader wakes once per item.
                cb.addInt(PUB_WAITERS_OFFSET, 1);
                try {
                    if (cb.getInt(W_PUB_OFFSET) == pub && cb.getInt(REPAIR_REQUEST_OFFSET) == 0) {
                        cb.futexWait(W_PUB_OFFSET, pub, slice);
                    }
                } finally {
                    cb.addInt(PUB_WAITERS_OFFSET, -1);
                }
                checkpoint.check();
                continue;
            }
            // Counted but not yet published: on its way from a live feeder, or its producer died.
            // NOTE: the deadline does not apply while a live participant still holds an unpublished
            // item — a counted item is owed to whoever holds the read lock (row 6).
            if (deadline != SharedLock.NO_DEADLINE && now - deadline >= 0 && !itemOnItsWay(s)) {
                return null;
            }
            if (publicationSpin.spin()) {
                continue;
            }
            cb.addInt(PUB_WAITERS_OFFSET, 1);
            boolean woken;
            try {
                woken = cb.getInt(W_PUB_OFFSET) != s || cb.getInt(REPAIR_REQUEST_OFFSET) != 0
                        || cb.futexWait(W_PUB_OFFSET, s, SLICE);
            } finally {
                cb.addInt(PUB_WAITERS_OFFSET, -1);
            }
            if (!woken || System.nanoTime() - lastScan >= SCAN_INTERVAL_NANOS) {
                scanDeadSlots();
            }
            checkpoint.check();
        }
    }

    /**
     * Takes the published frame {@code s}: moves its bytes (and, in the same {@code read}, as many
     * published bytes after it as the stage holds) out of the FIFO into the stage, or finishes a
     * frame longer than the stage in private memory. Returns its payload, or {@code null} if it was a
     * skipped frame (discarded).
     */
    private byte[] readFrame(int s, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        long e = entry(s);
        boolean interrupted = false;
        SpinBudget spin = new SpinBudget(SpinBudget.LONG_NANOS);
        long stalledSince = 0;
        while (true) {
            // NOTE: re-read every round: a repair served below may shorten or flag the frame.
            long start = cb.getLong(e + ENTRY_START);
            int len = cb.getInt(e + ENTRY_LENGTH);
            boolean skip = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) != 0;
            long rPos = cb.getLong(R_POS_OFFSET);
            long got = rPos - start;
            if (got >= len) {
                break;
            }
            MemorySegment into;
            long at;
            long want;
            if (len <= STAGE_SIZE && cb.getInt(R_PRIVATE_OFFSET) == 0) {
                // Read ahead: every published byte the stage can hold without overwriting this frame.
                at = rPos & STAGE_MASK;
                want = Math.min(Math.min(cb.getLong(W_PUB_BYTES_OFFSET) - rPos, start + STAGE_SIZE - rPos),
                        STAGE_SIZE - at);
                if (want <= 0) {
                    long[] dropped = resync();
                    throw new QueueCorruptedException(name + ": frame " + s + " of " + len
                            + " bytes lies outside the published stream; discarded " + dropped[0]
                            + " bytes (" + dropped[1] + " items lost)");
                }
                into = stage;
            } else if (skip) {
                at = 0;
                want = Math.min(len - got, readBuffer.length);
                into = MemorySegment.ofArray(readBuffer);
            } else {
                if (cb.getInt(R_PRIVATE_OFFSET) == 0) {
                    enterPrivate(start, got, len);
                }
                at = got;
                want = len - got;
                into = MemorySegment.ofArray(readBuffer);
            }
            if (TestHooks.ENABLED && got == 0 && want > 4096) {
                want = 4096; // lets a test kill a reader with a frame half read
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            long n = LibC.read(fd, into, at, want);
            if (n > 0) {
                cb.setLong(R_POS_OFFSET, rPos + n);
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            if (n > 0) {
                wakeRoomWaiters();
                spin.reset();
                stalledSince = 0;
                if (got + n < len) {
                    TestHooks.pause("reader-mid-frame");
                }
                continue;
            }
            // Nothing readable now.
            if (got <= 0 && !skip) {
                checkpoint.check(); // nothing of this frame was taken: an interrupt may end the wait
            } else if (Thread.interrupted()) {
                interrupted = true; // the frame has begun to arrive: finish it, report later
            }
            if (spin.spin()) {
                continue;
            }
            long now = System.nanoTime();
            if (stalledSince == 0) {
                stalledSince = now;
            }
            LibC.poll(fd, LibC.POLLIN, (int) (SLICE / 1_000_000));
            if (cb.getInt(REPAIR_REQUEST_OFFSET) != 0) {
                serveRepairRequest(false);
            } else if (System.nanoTime() - stalledSince >= SLICE) {
                stalledSince = System.nanoTime();
                checkWriter();
            }
            if (cb.getInt(R_SEQ_OFFSET) != s) {
                // NOTE: a repair dropped the published, unread frames, this one with them.
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long start = cb.getLong(e + ENTRY_START);
        int len = cb.getInt(e + ENTRY_LENGTH);
        boolean inPrivate = cb.getInt(R_PRIVATE_OFFSET) != 0;
        if ((cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) != 0) {
            cb.setInt(R_SEQ_OFFSET, s + 1);
            cb.setInt(R_PRIVATE_OFFSET, 0);
            return null;
        }
        // NOTE: a staged frame is copied and checked before rSeq passes it: a reader killed before
        // that leaves the item in the stage for the next one.
        byte[] payload = null;
        String problem;
        if (len < FrameLayout.HEADER_SIZE) {
            problem = "frame of " + len + " bytes is shorter than its header";
        } else if (inPrivate) {
            problem = FrameLayout.verify(readBuffer, len);
            if (problem == null) {
                payload = Arrays.copyOfRange(readBuffer, FrameLayout.HEADER_SIZE, len);
            }
        } else {
            byte[] header = new byte[FrameLayout.HEADER_SIZE];
            payload = new byte[len - FrameLayout.HEADER_SIZE];
            copyFromStage(start, header, 0, header.length);
            copyFromStage(start + FrameLayout.HEADER_SIZE, payload, 0, payload.length);
            problem = FrameLayout.verify(header, payload);
        }
        if (problem != null) {
            // Foreign bytes in the stream: nothing of this frame is counted yet (see FrameResync).
            throw frameResync.afterBadFrame(s, inPrivate, problem, this::resync);
        }
        // NOTE: rSeq moves only after rPos reached the frame's end, and qsize right after rSeq: a
        // reader killed in between leaves one item counted that is gone (see Known limits).
        cb.setInt(R_SEQ_OFFSET, s + 1);
        cb.addInt(QSIZE_OFFSET, -1);
        if (inPrivate) {
            cb.setInt(R_PRIVATE_OFFSET, 0);
            if (readBuffer.length > (1 << 20)) {
                readBuffer = new byte[8192]; // do not keep a huge frame's buffer alive
            }
        }
        if (cb.getInt(SPACE_WAITERS_OFFSET) > 0) {
            cb.futexWakeAll(QSIZE_OFFSET);
        }
        return payload;
    }

    /**
     * Switches to private reading for a frame longer than the stage: copies the part already staged
     * into {@link #readBuffer}, then marks the reader state private.
     */
    private void enterPrivate(long start, long staged, int len) {
        if (readBuffer.length < len) {
            readBuffer = new byte[Math.max(len, readBuffer.length * 2)];
        }
        if (staged > 0) {
            copyFromStage(start, readBuffer, 0, (int) staged);
        }
        // NOTE: set after the copy: until then the staged prefix is still the shared copy, and a
        // reader killed meanwhile leaves the frame whole for the next one.
        cb.setInt(R_PRIVATE_OFFSET, 1);
    }

    /** Copies stream bytes {@code [from, from + length)} out of the stage (which wraps around). */
    private void copyFromStage(long from, byte[] to, int offset, int length) {
        int at = (int) (from & STAGE_MASK);
        int first = Math.min(length, STAGE_SIZE - at);
        MemorySegment.copy(stage, ValueLayout.JAVA_BYTE, at, to, offset, first);
        if (first < length) {
            MemorySegment.copy(stage, ValueLayout.JAVA_BYTE, 0, to, offset + first, length - first);
        }
    }

    /** The frame being read is stalled: if its writer died, repair; if no writer exists, resync. */
    private void checkWriter() {
        long owner = SharedLock.owner(cb, WRITE_LOCK_OFFSET);
        if (owner == 0 || owner == me || ProcessIdentity.isAlive(owner)) {
            if (owner == 0 && LibC.fionread(fd) == 0) {
                // Published bytes are missing and nobody is writing them: should not happen; the
                // accounting repair below finds out what did.
                int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
                if (r != SharedLock.TIMED_OUT) {
                    try {
                        repairUnderBothLocks(false, r == SharedLock.OWNER_DIED);
                    } finally {
                        SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                    }
                }
            }
            return;
        }
        if (cb.casLong(WRITE_LOCK_OFFSET, owner, me)) {
            try {
                repairUnderBothLocks(false, true);
            } finally {
                SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
            }
        }
    }

    /** A writer holding the write lock asked the read lock holder (us) to repair a dead writer. */
    private void serveRepairRequest(boolean readerDead) {
        repairUnderBothLocks(readerDead, true);
        cb.setInt(REPAIR_REQUEST_OFFSET, 0);
        cb.futexWakeAll(REPAIR_REQUEST_OFFSET);
    }

    /** We took the read lock from a dead reader: find out how far it read and complete its frame. */
    private void repairDeadReader() {
        int spins = 0;
        while (true) {
            if (cb.getInt(REPAIR_REQUEST_OFFSET) != 0) {
                serveRepairRequest(true);
                return;
            }
            int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    repairUnderBothLocks(true, r == SharedLock.OWNER_DIED);
                } finally {
                    SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                }
                return;
            }
            // A live writer: snapshot its position around FIONREAD (seqlock even and unchanged).
            int s1 = cb.getInt(W_SEQLOCK_OFFSET);
            if ((s1 & 1) == 0) {
                long wPos = cb.getLong(W_POS_OFFSET);
                int available = LibC.fionread(fd);
                if (cb.getInt(W_SEQLOCK_OFFSET) == s1) {
                    fixDeadReader(wPos - available);
                    return;
                }
            }
            if (spins++ > SPINS) {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /**
     * The repair core; the caller holds the read lock and the write lock (or a live writer holding
     * the write lock waits for this repair and writes nothing meanwhile).
     */
    private void repairUnderBothLocks(boolean readerDead, boolean writerDead) {
        int rs = cb.getInt(R_SEQLOCK_OFFSET);
        int ws = cb.getInt(W_SEQLOCK_OFFSET);
        boolean readerExact = !readerDead || (rs & 1) == 0;
        boolean writerExact = !writerDead || (ws & 1) == 0;
        long available = LibC.fionread(fd);
        long rPos = cb.getLong(R_POS_OFFSET);
        long wPos = cb.getLong(W_POS_OFFSET);
        if (readerExact && writerExact) {
            if (wPos - rPos != available) {
                resyncUnderBothLocks();
                return;
            }
        } else if (readerExact) {
            wPos = rPos + available;
        } else if (writerExact) {
            rPos = wPos - available;
        } else {
            resyncUnderBothLocks();
            return;
        }
        if ((rs & 1) != 0) {
            cb.addInt(R_SEQLOCK_OFFSET, 1);
        }
        if ((ws & 1) != 0) {
            cb.addInt(W_SEQLOCK_OFFSET, 1);
        }
        cb.setLong(W_POS_OFFSET, wPos);
        if (writerDead) {
            fixTornBatch(wPos);
        }
        if (readerDead) {
            fixDeadReader(rPos);
        }
    }

    /** Shortens/flags the frames of a dead writer's batch that did not fully reach the FIFO. */
    private void fixTornBatch(long written) {
        int pub = cb.getInt(W_PUB_OFFSET);
        int rSeq = cb.getInt(R_SEQ_OFFSET);
        int lost = 0;
        for (int seq = pub - 1; seq - rSeq >= 0; seq--) {
            long e = entry(seq);
            long start = cb.getLong(e + ENTRY_START);
            int len = cb.getInt(e + ENTRY_LENGTH);
            if (start + len <= written) {
                break;
            }
            boolean wasItem = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) == 0;
            if (start >= written) {
                cb.setLong(e + ENTRY_START, written);
                cb.setInt(e + ENTRY_LENGTH, 0);
            } else {
                cb.setInt(e + ENTRY_LENGTH, (int) (written - start));
            }
            cb.setInt(e + ENTRY_FLAGS, FLAG_SKIP);
            if (wasItem) {
                lost++;
            }
        }
        cb.setLong(W_PUB_BYTES_OFFSET, written);
        forget(cb, kind, lost);
    }

    /**
     * Completes the state a dead reader left, given how far it really read. Bytes it moved into the
     * stage are still there for the next reader; only a frame it was finishing in private memory is
     * lost with it.
     */
    private void fixDeadReader(long read) {
        cb.setLong(R_POS_OFFSET, read);
        int rs = cb.getInt(R_SEQLOCK_OFFSET);
        if ((rs & 1) != 0) {
            cb.addInt(R_SEQLOCK_OFFSET, 1);
        }
        boolean wasPrivate = cb.getInt(R_PRIVATE_OFFSET) != 0;
        cb.setInt(R_PRIVATE_OFFSET, 0);
        int s = cb.getInt(R_SEQ_OFFSET);
        if (!wasPrivate || cb.getInt(W_PUB_OFFSET) - s <= 0) {
            return;
        }
        long e = entry(s);
        long consumed = read - cb.getLong(e + ENTRY_START);
        if (consumed <= 0) {
            return;
        }
        boolean wasItem = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) == 0;
        if (consumed >= cb.getInt(e + ENTRY_LENGTH)) {
            cb.setInt(R_SEQ_OFFSET, s + 1);
        } else {
            cb.setInt(e + ENTRY_FLAGS, FLAG_SKIP);
        }
        if (wasItem) {
            // The item died with its consumer; it stays unfinished for a joinable queue (row 22).
            cb.addInt(QSIZE_OFFSET, -1);
            if (cb.getInt(SPACE_WAITERS_OFFSET) > 0) {
                cb.futexWakeAll(QSIZE_OFFSET);
            }
        }
    }

    /**
     * Called with the read lock held after a corrupt frame: takes the write lock (draining the FIFO
     * meanwhile so that a writer blocked on a full FIFO can finish) and drops everything unread.
     *
     * @return {bytes discarded, items lost}
     */
    private long[] resync() {
        long drained = 0;
        while (true) {
            drained += drain();
            if (cb.getInt(REPAIR_REQUEST_OFFSET) != 0) {
                // the write lock's holder waits for us to repair its dead predecessor
                serveRepairRequest(false);
            }
            int r = SharedLock.tryLock(cb, WRITE_LOCK_OFFSET, me);
            if (r != SharedLock.TIMED_OUT) {
                try {
                    long[] result = resyncUnderBothLocks();
                    result[0] += drained;
                    return result;
                } finally {
                    SharedLock.unlock(cb, WRITE_LOCK_OFFSET);
                }
            }
            LibC.poll(fd, LibC.POLLIN, 1);
        }
    }

    /** Drains the FIFO and forgets every published, unread frame; both locks held. */
    private long[] resyncUnderBothLocks() {
        long drained = drain();
        int pub = cb.getInt(W_PUB_OFFSET);
        int lost = 0;
        for (int seq = cb.getInt(R_SEQ_OFFSET); pub - seq > 0; seq++) {
            if ((cb.getInt(entry(seq) + ENTRY_FLAGS) & FLAG_SKIP) == 0) {
                lost++;
            }
        }
        long pos = cb.getLong(W_PUB_BYTES_OFFSET);
        cb.setInt(R_SEQ_OFFSET, pub);
        cb.setLong(R_POS_OFFSET, pos);
        cb.setInt(R_PRIVATE_OFFSET, 0);
        cb.setLong(W_POS_OFFSET, pos);
        if ((cb.getInt(R_SEQLOCK_OFFSET) & 1) != 0) {
            cb.addInt(R_SEQLOCK_OFFSET, 1);
        }
        if ((cb.getInt(W_SEQLOCK_OFFSET) & 1) != 0) {
            cb.addInt(W_SEQLOCK_OFFSET, 1);
        }
        forget(cb, kind, lost);
        return new long[] {drained, lost};
    }

    private long drain() {
        long total = 0;
        MemorySegment buf = MemorySegment.ofArray(readBuffer);
        while (true) {
            long n = LibC.read(fd, buf, 0, readBuffer.length);
            if (n <= 0) {
                return total;
            }
            total += n;
        }
    }

    // =================================================================== codec file

    private static byte[] serialize(Codec codec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(codec);
        } catch (IOException e) {
            throw new IllegalArgumentException("the codec " + codec.getClass().getName()
                    + " cannot be serialized, so other processes could not use it: " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Codec deserialize(byte[] bytes, String address) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Codec) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("cannot load the codec of queue " + address + ": " + e, e);
        }
    }

    /** Resolves classes through the thread's context class loader first (application codecs). */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException e) {
                    // fall through
                }
            }
            return super.resolveClass(desc);
        }
    }
}
