package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jbilliard.Codec;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.reference.nativeio.ErrnoException;
import org.jbilliard.reference.nativeio.IdentityScope;
import org.jbilliard.reference.nativeio.LibC;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * One process's attachment to a queue: the mapped control block, the FIFO descriptor and a slot in
 * the participant table, and the parts of the core that work on them — {@link Counters} (with the
 * joinable count), {@link DeadParticipants}, {@link StreamWriter}, {@link StreamReader} and
 * {@link StreamRepair}, all following the {@link Waits wait policy}. The package documentation
 * describes the protocol they share.
 *
 * <p><b>Implementation note.</b> This class owns the attachment and file lifetime: creation
 * (directory, control block with its space reserved, codec file, FIFO), attach (scope and kind
 * checks, a slot claimed under the admin lock) and release (slot freed and its pending items given
 * back, files deleted by the last live participant). The admin lock guards the header's
 * {@code state} word and the slot table's claims and releases; the other words belong to the parts
 * above, each of which says which lock guards them.
 *
 * <p><b>Thread-safety.</b> Thread-safe. The read and write locks are process-wide, so at most one
 * thread of any process reads and at most one writes at a time. Blocking methods sleep in
 * {@code futex}/{@code poll} slices and run a {@link SharedLock.Checkpoint} between slices.
 */
final class PipeChannel {

    /** Largest payload accepted, in bytes. */
    static final int MAX_ITEM_BYTES = 1 << 30;
    /** Pipe capacity asked for. */
    static final int WANTED_PIPE_SIZE = 1 << 20;
    /** See {@link StreamWriter#ATOMIC_WRITE_BYTES}. */
    static final int ATOMIC_WRITE_BYTES = StreamWriter.ATOMIC_WRITE_BYTES;
    /** See {@link StreamWriter#NOT_WRITTEN}. */
    static final int NOT_WRITTEN = StreamWriter.NOT_WRITTEN;
    private static final SharedLock.Checkpoint UNINTERRUPTIBLE = () -> { };
    /** Found once per process: a class-path scan. */
    private static final PausePoints PAUSES = PausePoints.installed();

    final Path dir;
    final String address;
    final String name;
    final int kind;
    final int maxsize;
    final Codec codec;
    final int pipeSize;
    /** Where crash tests may stop this participant; {@link PausePoints#NONE} in production. */
    final PausePoints pauses;

    private final Arena arena;
    private final ControlBlock cb;
    private final int fd;
    private final long me;
    private final int slotIndex;
    private final long slotOffset;
    private final OverflowStage overflow;
    private final DeadParticipants dead;
    private final Counters counters;
    private final StreamWriter writer;
    private final StreamReader reader;

    private PipeChannel(Path dir, int kind, int maxsize, Codec codec, Arena arena, ControlBlock cb, int fd,
                        int slot, PausePoints pauses) {
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
        this.slotIndex = slot;
        this.slotOffset = ControlBlockLayout.slot(slot);
        this.pipeSize = cb.getInt(PIPE_SIZE_OFFSET);
        this.pauses = pauses;
        this.overflow = new OverflowStage(dir);
        this.dead = new DeadParticipants(cb, me);
        this.counters = new Counters(cb, kind, maxsize, slot, dead, pauses);
        StreamRepair repair = new StreamRepair(cb, fd, me, kind);
        this.writer = new StreamWriter(cb, fd, me, slotOffset, pipeSize, repair, pauses);
        this.reader = new StreamReader(cb, fd, me, kind, name, overflow, repair, dead, pauses);
    }

    // =================================================================== creation, attach, release

    static PipeChannel create(int kind, int maxsize, Codec codec) {
        long me = ProcessIdentity.self();
        byte[] codecBytes = CodecFile.serialize(codec);
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
            PipeChannel ch = new PipeChannel(dir, kind, maxsize, codec, arena, cb, fd, 0, PAUSES);
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
            Codec codec = CodecFile.deserialize(Files.readAllBytes(dir.resolve(QueueFiles.CODEC)), address);
            fd = LibC.open(dir.resolve(QueueFiles.FIFO).toString(),
                    LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            int slot = takeSlot(cb, address);
            PipeChannel ch = new PipeChannel(dir, kind, cb.getInt(MAXSIZE_OFFSET), codec, arena, cb, fd, slot,
                    PAUSES);
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
                    DeadParticipants.repairSlot(cb, i, id);
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
                int[] pending = Counters.drainPending(cb, slotIndex);
                Counters.forget(cb, kind, pending[0], pending[0] - pending[1]);
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
                        DeadParticipants.repairSlot(cb, i, id);
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
            overflow.unmap();
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
            if (!dead.otherProcessAttached()) {
                cb.setInt(STATE_OFFSET, STATE_DELETED);
                QueueFiles.delete(dir);
            }
        } finally {
            SharedLock.unlock(cb, ADMIN_LOCK_OFFSET);
        }
    }

    /** Whether a live process other than this one is attached (and so might still read). */
    boolean otherProcessAttached() {
        return dead.otherProcessAttached();
    }

    // =================================================================== the parts, for the handles

    int qsize() {
        return counters.qsize();
    }

    int unfinished() {
        return counters.unfinished();
    }

    /** See {@link Counters#reserve}. */
    boolean reserve(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        return counters.reserve(deadline, checkpoint);
    }

    /** See {@link Counters#unreserve}. */
    void unreserve() {
        counters.unreserve();
    }

    /** See {@link Counters#taskDone}. */
    boolean taskDone() {
        return counters.taskDone();
    }

    /** See {@link Counters#join}. */
    boolean join(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        return counters.join(deadline, checkpoint);
    }

    /** See {@link DeadParticipants#scan}. */
    void scanDeadSlots() {
        dead.scan();
    }

    /** See {@link StreamWriter#writeFrames}. */
    void writeFrames(MemorySegment src, long offset, int length, int[] lengths, int count,
                     SharedLock.Checkpoint checkpoint, boolean roomWait) throws InterruptedException {
        writer.writeFrames(src, offset, length, lengths, count, checkpoint, roomWait);
    }

    /** See {@link StreamWriter#writeFrames(MemorySegment, long, int, MemorySegment, int[], int, SharedLock.Checkpoint, boolean)}. */
    void writeFrames(MemorySegment src, long offset, int length, MemorySegment tail, int[] lengths, int count,
                     SharedLock.Checkpoint checkpoint, boolean roomWait) throws InterruptedException {
        writer.writeFrames(src, offset, length, tail, lengths, count, checkpoint, roomWait);
    }

    /** See {@link StreamWriter#tryWriteNow}. */
    int tryWriteNow(MemorySegment src, long offset, int length) {
        return writer.tryWriteNow(src, offset, length);
    }

    /** See {@link StreamWriter#finishWrite}. */
    void finishWrite(MemorySegment src, long offset, int length) {
        writer.finishWrite(src, offset, length);
    }

    /** See {@link StreamReader#take}. */
    byte[] take(long deadline, SharedLock.Checkpoint checkpoint) throws InterruptedException {
        return reader.take(deadline, checkpoint);
    }

    /** See {@link StreamReader#wakeBlockedReaders}. */
    void wakeBlockedReaders() {
        reader.wakeBlockedReaders();
    }
}
