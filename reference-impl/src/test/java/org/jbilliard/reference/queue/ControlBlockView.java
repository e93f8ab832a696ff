package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * A test's read-only view of a queue's control block: who holds which lock and how far the stream
 * has come, so that a test can tell that a participant stands exactly where it must (holding the
 * read lock, half-way through a frame) before it acts on it. Never writes.
 *
 * <p>Not thread-safe for {@link #close()}; the readers are atomic loads.
 */
final class ControlBlockView implements AutoCloseable {

    private final Arena arena = Arena.ofShared();
    private final ControlBlock cb;

    private ControlBlockView(Path control) {
        try (FileChannel fc = FileChannel.open(control, StandardOpenOption.READ)) {
            cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_ONLY, 0, ControlBlockLayout.SIZE, arena));
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        }
    }

    /** Maps the control block of the queue at {@code address}. */
    static ControlBlockView of(String address) {
        return new ControlBlockView(Path.of(address).resolve(QueueFiles.CONTROL));
    }

    /** The pid holding the read lock, {@code 0} if free. */
    int readLockPid() {
        return ProcessIdentity.pid(cb.getLong(READ_LOCK_OFFSET));
    }

    /** The pid holding the write lock, {@code 0} if free. */
    int writeLockPid() {
        return ProcessIdentity.pid(cb.getLong(WRITE_LOCK_OFFSET));
    }

    /** The write lock word: the owner's identity ({@link SharedLock#ABANDONED} if handed back unrepaired). */
    long writeLock() {
        return cb.getLong(WRITE_LOCK_OFFSET);
    }

    /** The FIFO's capacity in bytes. */
    int pipeSize() {
        return cb.getInt(PIPE_SIZE_OFFSET);
    }

    /** Items counted in {@code qsize}. */
    int qsize() {
        return cb.getInt(QSIZE_OFFSET);
    }

    /** Readers sleeping until a frame is published. */
    int publicationWaiters() {
        return cb.getInt(PUB_WAITERS_OFFSET);
    }

    /** Frames published so far. */
    int published() {
        return cb.getInt(W_PUB_OFFSET);
    }

    /** Frames taken so far. */
    int taken() {
        return cb.getInt(R_SEQ_OFFSET);
    }

    /** Stream bytes published so far. */
    long publishedBytes() {
        return cb.getLong(W_PUB_BYTES_OFFSET);
    }

    /** Stream bytes written into the FIFO so far. */
    long written() {
        return cb.getLong(W_POS_OFFSET);
    }

    /** Stream bytes moved out of the FIFO so far. */
    long read() {
        return cb.getLong(R_POS_OFFSET);
    }

    /** Whether the read lock holder finishes a frame longer than the stage in its own memory. */
    boolean readingPrivately() {
        return cb.getInt(R_PRIVATE_OFFSET) != 0;
    }

    /** The stream position where frame {@code seq} starts. */
    long frameStart(int seq) {
        return cb.getLong(entry(seq) + ENTRY_START);
    }

    /** The length of frame {@code seq}. */
    int frameLength(int seq) {
        return cb.getInt(entry(seq) + ENTRY_LENGTH);
    }

    /** The repair-request word: the requester's identity, {@code 0} if none. */
    long repairRequest() {
        return cb.getLong(REPAIR_REQUEST_OFFSET);
    }

    /** The pid of the participant whose repair request is raised, {@code 0} if none. */
    int repairRequesterPid() {
        return ProcessIdentity.pid(repairRequest());
    }

    /**
     * The owed resynchronisation word ({@link ControlBlockLayout#R_RESYNC_OFFSET}): {@code 0} none,
     * {@code > 0} a frame scan, {@code < 0} a drop of everything unread.
     */
    long resyncOwed() {
        return cb.getLong(R_RESYNC_OFFSET);
    }

    /** Items accepted by the participant in slot {@code index} and not yet published. */
    int pending(int index) {
        return cb.getInt(slot(index) + SLOT_PENDING);
    }

    /** The pid of the participant in slot {@code index}, {@code 0} if free. */
    int slotPid(int index) {
        return ProcessIdentity.pid(cb.getLong(slot(index) + SLOT_IDENTITY));
    }

    /** A one-line picture of the stream state, for assertion messages. */
    String describe() {
        return "readLock=" + readLockPid() + " writeLock=" + writeLockPid() + " wPub=" + published() + " rSeq="
                + taken() + " wPubBytes=" + publishedBytes() + " wPos=" + written() + " rPos=" + read()
                + " private=" + readingPrivately() + " pubWaiters=" + publicationWaiters() + " qsize="
                + cb.getInt(QSIZE_OFFSET) + " repairRequest=" + repairRequest() + " resyncOwed=" + resyncOwed();
    }

    @Override
    public void close() {
        arena.close();
    }
}
