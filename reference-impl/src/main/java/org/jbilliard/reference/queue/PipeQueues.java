package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jbilliard.Codec;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.reference.nativeio.IdentityScope;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * Creates and attaches pipe-based queues: the single entry point the reference context uses.
 *
 * <p>Every method is thread-safe. {@code create*} make a private directory with a FIFO and a control
 * block (see the package documentation); {@code attach*} open an existing one by its
 * {@link Queue#address() address} from any process of the same user, after checking that the
 * directory and its files belong to this user and are not accessible to group or others. All handles
 * of one queue in one process share one attachment (see {@link HandleRegistry}).
 */
public final class PipeQueues {

    private PipeQueues() {
    }

    /**
     * Creates a queue.
     *
     * @param <T>     item type
     * @param maxsize bound, zero or negative for unbounded
     * @param codec   codec, serializable (every attaching process loads it)
     * @return the queue
     * @throws IllegalArgumentException if the codec cannot be serialized
     */
    public static <T> Queue<T> create(int maxsize, Codec codec) {
        Objects.requireNonNull(codec, "codec");
        return new PipeQueue<>(HandleRegistry.create(KIND_QUEUE, bound(maxsize), codec));
    }

    /**
     * Creates a joinable queue.
     *
     * @param <T>     item type
     * @param maxsize bound, zero or negative for unbounded
     * @param codec   codec
     * @return the queue
     */
    public static <T> JoinableQueue<T> createJoinable(int maxsize, Codec codec) {
        Objects.requireNonNull(codec, "codec");
        return new PipeJoinableQueue<>(HandleRegistry.create(KIND_JOINABLE, bound(maxsize), codec));
    }

    /**
     * Creates a simple queue.
     *
     * @param <T>   item type
     * @param codec codec
     * @return the queue
     */
    public static <T> SimpleQueue<T> createSimple(Codec codec) {
        Objects.requireNonNull(codec, "codec");
        return new PipeSimpleQueue<>(HandleRegistry.create(KIND_SIMPLE, Queue.UNBOUNDED, codec));
    }

    /**
     * Attaches to a queue (a joinable queue attaches as what it is).
     *
     * @param <T>     item type
     * @param address the queue's address
     * @return a new handle, sharing this process's attachment to the queue if it has one
     * @throws IllegalArgumentException if there is no such queue, it is not this user's private
     *                                  queue, or it is a simple queue
     * @throws IllegalStateException    if the queue's participant table is full: all
     *                                  1 024 slots are held by live
     *                                  processes (the message names them)
     */
    public static <T> Queue<T> attach(String address) {
        PipeChannel ch = HandleRegistry.attach(address, KIND_QUEUE, KIND_JOINABLE);
        return ch.kind == KIND_JOINABLE ? new PipeJoinableQueue<>(ch) : new PipeQueue<>(ch);
    }

    /**
     * Attaches to a joinable queue.
     *
     * @param <T>     item type
     * @param address the queue's address
     * @return a new handle
     * @throws IllegalArgumentException as {@link #attach(String)}, or if it is not joinable
     */
    public static <T> JoinableQueue<T> attachJoinable(String address) {
        return new PipeJoinableQueue<>(HandleRegistry.attach(address, KIND_JOINABLE));
    }

    /**
     * Attaches to a simple queue.
     *
     * @param <T>     item type
     * @param address the queue's address
     * @return a new handle
     * @throws IllegalArgumentException as {@link #attach(String)}, or if it is not a simple queue
     */
    public static <T> SimpleQueue<T> attachSimple(String address) {
        return new PipeSimpleQueue<>(HandleRegistry.attach(address, KIND_SIMPLE));
    }

    /**
     * Largest encoded item accepted: 1 GiB (2^30 bytes). Larger items make {@code put} throw
     * {@link org.jbilliard.ItemTooLargeException}; the frame header's length field is 32 bits.
     *
     * @return bytes
     */
    public static int maxItemBytes() {
        return PipeChannel.MAX_ITEM_BYTES;
    }

    /**
     * Gives a handle made by this class a smaller item size limit than {@link #maxItemBytes()}: its
     * {@code put} (and {@code sendPayload}) of a longer encoding throws
     * {@link org.jbilliard.ItemTooLargeException} naming that limit. The limit belongs to this handle
     * (and travels with it when it is serialized into a task), not to the queue: other handles of the
     * same queue keep theirs. Call it before the handle is used or shared.
     *
     * @param <H>          the handle's type
     * @param handle       a handle returned by this class
     * @param maxItemBytes the largest encoded item, 1 to {@link #maxItemBytes()}
     * @return {@code handle}
     * @throws IllegalArgumentException if the limit is out of range or the handle is not a pipe queue's
     */
    public static <H> H limitItems(H handle, int maxItemBytes) {
        if (!(handle instanceof PipeHandle pipe)) {
            throw new IllegalArgumentException("not a pipe queue handle: " + handle);
        }
        pipe.maxItemBytes(maxItemBytes);
        return handle;
    }

    /**
     * Removes queue directories of this user that no live process uses any more: every participant
     * slot is free or belongs to a process known to be dead, or the directory was never completed,
     * is older than {@link #INCOMPLETE_GRACE_MILLIS} and its creator's pid does not exist. Queues
     * created in another PID namespace or boot, or by another layout version, are left untouched:
     * their participants cannot be judged from here.
     */
    public static void removeStale() {
        IdentityScope mine;
        try {
            mine = IdentityScope.current();
        } catch (RuntimeException e) {
            return; // without our own scope nothing can be judged
        }
        for (Path dir : QueueFiles.list()) {
            try {
                if (isStale(dir, mine)) {
                    QueueFiles.delete(dir);
                }
            } catch (IOException | RuntimeException | InternalError e) {
                // in use, vanished or unreadable (InternalError: a sparse control block of an older
                // version on a full file system faults when mapped): not ours to judge now
            }
        }
    }

    /** A queue being created has no complete control block for this long at most (milliseconds, really). */
    static final long INCOMPLETE_GRACE_MILLIS = 60_000;

    private static boolean isStale(Path dir, IdentityScope mine) throws IOException {
        Path ctl = dir.resolve(QueueFiles.CONTROL);
        if (!Files.exists(ctl) || Files.size(ctl) != SIZE) {
            return incompleteAndAbandoned(dir);
        }
        try (Arena arena = Arena.ofConfined();
             FileChannel fc = FileChannel.open(ctl, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ControlBlock cb = new ControlBlock(fc.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena));
            if (cb.getInt(MAGIC_OFFSET) != ControlBlockLayout.MAGIC) {
                return incompleteAndAbandoned(dir);
            }
            if (cb.getInt(VERSION_OFFSET) != VERSION || !mine.equals(PipeChannel.scopeOf(cb))) {
                return false;
            }
            if (cb.getInt(STATE_OFFSET) == STATE_DELETED) {
                return true;
            }
            for (int i = 0; i < SLOT_COUNT; i++) {
                long id = cb.getLong(slot(i) + SLOT_IDENTITY);
                if (id != 0 && id != SLOT_REPAIRING && ProcessIdentity.isAlive(id)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A directory whose control block was never completed. Its scope is not recorded yet, so its
     * creator pid may be one of another namespace: only an old one whose pid does not exist here goes.
     */
    private static boolean incompleteAndAbandoned(Path dir) throws IOException {
        long creatorPid = QueueFiles.creatorPid(dir);
        long age = System.currentTimeMillis() - Files.getLastModifiedTime(dir).toMillis();
        return creatorPid > 0 && creatorPid <= Integer.MAX_VALUE && age > INCOMPLETE_GRACE_MILLIS
                && ProcessIdentity.pidLiveness((int) creatorPid) == ProcessIdentity.Liveness.DEAD;
    }

    private static int bound(int maxsize) {
        return maxsize <= 0 ? Queue.UNBOUNDED : maxsize;
    }
}
