package org.jbilliard.reference.queue;

/**
 * Layout of a queue's control block: the file {@code ctl}, mapped {@code MAP_SHARED} by every
 * participant. All multi-byte fields are little-endian, naturally aligned, and accessed with atomic
 * (volatile or compare-and-set) operations; 32-bit fields marked (F) are futex words.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0  header (written once)
 *  |  magic "JBQC"  |  version  |  kind  |  maxsize  |  creator id  |
 *  |  state (ALIVE/DELETED) | ring capacity | slot count | pipe size |
 *  |  creator's PID namespace inode (64)  |  creator's boot id (128)  |
 *  +---------------------------------------------------------------+  64  admin lock
 *  |  owner identity (64, low half F)  |  waiters  |    -    | waking |
 *  +---------------------------------------------------------------+ 128  read lock
 *  |  owner identity (64, low half F)  |  waiters  |    -    | waking |
 *  +---------------------------------------------------------------+ 192  write lock
 *  |  owner identity (64, low half F)  |  waiters  |    -    | waking |    -    |
 *  |  repair requester identity (64, low half F)  |
 *  | (a writer holding the lock waits for the reader to repair its dead predecessor) |
 *  +---------------------------------------------------------------+ 256  counters
 *  | qsize (F) | last reservation's tag | space waiters | unfinished (F) | join waiters |
 *  +---------------------------------------------------------------+ 320  writer state (write lock)
 *  | wPub (F): frames published | pub waiters (readers) | wPos: bytes written (64) |
 *  | wSeqlock: odd while a write(2) is in flight | wPubBytes (64)   |
 *  +---------------------------------------------------------------+ 384  reader state (read lock)
 *  | rSeq (F): frames consumed | rSeqlock (F) | rPos: bytes consumed (64) | room waiters |
 *  | private: where a frame larger than the stage is read: 0 stage, 2 overflow file, 1 heap |
 *  | ring waiters (writers sleeping on rSeq until ring entries are free) |
 *  | resync owed (64): a scan or a drop a reader left at its deadline |
 *  +---------------------------------------------------------------+ 512  slot table
 *  | slot[i]: participant identity (64) | pending items | last completed tag |  x SLOT_COUNT, 16 bytes
 *  +---------------------------------------------------------------+ RING_OFFSET  frame ring
 *  | entry[seq % RING]: stream offset of frame (64) | length | flags |  x RING_CAPACITY, 16 bytes
 *  +---------------------------------------------------------------+ STAGE_OFFSET  read stage
 *  | byte[stream offset % STAGE_SIZE]: bytes taken out of the FIFO, not yet consumed  |  STAGE_SIZE
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p><b>Publication rule.</b> A frame counts as <em>published</em> once a writer holding the write
 * lock has filled its ring entry and then stored {@code wPub} past its sequence number: from then on a
 * reader may take its length from the ring and read exactly that many bytes from the FIFO. It counts
 * as <em>written</em> once {@code wPos} has passed its end, and as <em>consumed</em> once
 * {@code rSeq} has passed it. An entry flagged {@link #FLAG_SKIP} is not an item: its (possibly
 * shortened) bytes are read and discarded; it was already subtracted from {@code qsize}.
 *
 * <p><b>Read stage.</b> The read lock holder moves published bytes out of the FIFO in large reads
 * into the <em>stage</em>, a byte ring shared like the rest of the block, where stream offset
 * {@code p} lives at {@code p % STAGE_SIZE}. The stage holds exactly the stream range
 * {@code [start of frame rSeq, rPos)}, never more than {@link #STAGE_SIZE} bytes, so a frame is taken
 * from it without a system call, and bytes a killed reader moved out of the FIFO are not lost: the
 * next reader finds them there. A frame longer than the stage is read into the overflow stage, the
 * file {@code overflow} beside this one ({@link OverflowStage}), with {@code private} = 2 meanwhile:
 * it too survives its reader. Only if that file's space cannot be reserved is the frame finished in
 * the reader's private memory ({@code private} = 1; a reader killed then takes that frame with it).
 */
final class ControlBlockLayout {

    static final int MAGIC = 0x4A425143;
    /** 5: the owed resynchronisation ({@link #R_RESYNC_OFFSET}), which an older participant would ignore. */
    static final int VERSION = 5;

    static final int KIND_QUEUE = 0;
    static final int KIND_JOINABLE = 1;
    static final int KIND_SIMPLE = 2;

    static final int STATE_ALIVE = 0;
    static final int STATE_DELETED = 1;

    // header
    static final long MAGIC_OFFSET = 0;
    static final long VERSION_OFFSET = 4;
    static final long KIND_OFFSET = 8;
    static final long MAXSIZE_OFFSET = 12;
    static final long CREATOR_OFFSET = 16;
    static final long STATE_OFFSET = 24;
    static final long RING_CAPACITY_OFFSET = 28;
    static final long SLOT_COUNT_OFFSET = 32;
    static final long PIPE_SIZE_OFFSET = 36;
    /**
     * The creator's {@link org.jbilliard.reference.nativeio.IdentityScope}: identities in this block
     * mean something only in that PID namespace of that boot.
     */
    static final long PID_NAMESPACE_OFFSET = 40;
    static final long BOOT_ID_OFFSET = 48;

    // locks: owner identity at +0 (its low half is the futex word), waiter count at +8
    static final long ADMIN_LOCK_OFFSET = 64;
    static final long READ_LOCK_OFFSET = 128;
    static final long WRITE_LOCK_OFFSET = 192;
    static final long LOCK_WAITERS = 8;
    /** 1 from an unlock's wake-up until the woken sleeper runs: further unlocks need not wake. */
    static final long LOCK_WAKING = 16;
    /**
     * The identity of a writer that holds the write lock (taken over from a dead writer) and waits
     * for the read lock holder to repair what the dead one left; {@code 0} if none. A reader serves
     * the request only while the write lock's owner is that requester (a requester that died after
     * raising it leaves a stale request, which must not make a later writer's stream look torn), and
     * every repair of a dead writer clears it. Its low half is a futex word.
     */
    static final long REPAIR_REQUEST_OFFSET = WRITE_LOCK_OFFSET + 24;

    // counters
    /**
     * The reservation word (64 bits): {@code qsize} in the low half (the futex word), the tag of the
     * last reservation in the high half (see {@link Counters}).
     */
    static final long QSIZE_OFFSET = 256;
    static final long SPACE_WAITERS_OFFSET = 264;
    static final long UNFINISHED_OFFSET = 268;
    static final long JOIN_WAITERS_OFFSET = 272;

    // writer state (owned by the write lock holder)
    static final long W_PUB_OFFSET = 320;
    static final long PUB_WAITERS_OFFSET = 324;
    static final long W_POS_OFFSET = 328;
    static final long W_SEQLOCK_OFFSET = 336;
    static final long W_PUB_BYTES_OFFSET = 344;

    // reader state (owned by the read lock holder)
    static final long R_SEQ_OFFSET = 384;
    static final long R_SEQLOCK_OFFSET = 388;
    static final long R_POS_OFFSET = 392;
    /** Writers sleeping on {@code rSeqlock} until the reader frees FIFO room. */
    static final long ROOM_WAITERS_OFFSET = 400;
    /**
     * Where the frame {@code rSeq}, longer than the stage, is being read: {@link #PRIVATE_NONE} (in
     * the stage), {@link #PRIVATE_OVERFLOW} (in the shared {@link OverflowStage}: survives its reader)
     * or {@link #PRIVATE_HEAP} (in the reader's private memory: lost with it).
     */
    static final long R_PRIVATE_OFFSET = 404;
    static final int PRIVATE_NONE = 0;
    static final int PRIVATE_HEAP = 1;
    static final int PRIVATE_OVERFLOW = 2;
    /** Writers sleeping on {@code rSeq} until readers free ring entries. */
    static final long RING_WAITERS_OFFSET = 408;
    /**
     * A resynchronisation that a reader began and could not finish by its caller's deadline (a
     * writer it needed was not running), owed by the next holder of the read lock: {@code 0} none;
     * {@code p + 1} ({@code > 0}) the frame scan after foreign bytes, to continue at stream offset
     * {@code p} (the stage holds {@code [p, rPos)}, see {@link FrameResync}); {@code -(d + 1)}
     * ({@code < 0}) the drop of every published, unread frame, {@code d} bytes already drained from
     * the FIFO without moving {@code rPos} (so the positions are not to be trusted until it is done,
     * see {@link StreamRepair#resync}).
     */
    static final long R_RESYNC_OFFSET = 416;

    // slot table
    static final long SLOTS_OFFSET = 512;
    static final int SLOT_COUNT = 1024;
    static final long SLOT_SIZE = 16;
    static final long SLOT_IDENTITY = 0;
    /**
     * The slot word (64 bits): pending items in the low half, the tag of the slot's last completed
     * reservation in the high half (see {@link Counters}).
     */
    static final long SLOT_PENDING = 8;
    /**
     * Flag in a joinable queue's pending count: the last reservation was completed and its
     * {@code unfinished} increment has not been made yet.
     */
    static final int PENDING_UNFINISHED_OWED = 1 << 30;
    /** Marks a slot whose dead holder is being repaired (never a real identity: pid 0). */
    static final long SLOT_REPAIRING = 0xFFFF_FFFF_0000_0000L;

    // ring
    static final long RING_OFFSET = SLOTS_OFFSET + SLOT_COUNT * SLOT_SIZE;
    static final int RING_CAPACITY = 16384;
    static final int RING_MASK = RING_CAPACITY - 1;
    static final long ENTRY_SIZE = 16;
    static final long ENTRY_START = 0;
    static final long ENTRY_LENGTH = 8;
    static final long ENTRY_FLAGS = 12;
    static final int FLAG_SKIP = 1;

    // read stage (page aligned)
    static final long STAGE_OFFSET = (RING_OFFSET + RING_CAPACITY * ENTRY_SIZE + 4095) & ~4095L;
    static final int STAGE_SIZE = 256 * 1024;
    static final long STAGE_MASK = STAGE_SIZE - 1;

    /** Total size of the control block file. */
    static final long SIZE = STAGE_OFFSET + STAGE_SIZE;

    private ControlBlockLayout() {
    }

    static long slot(int index) {
        return SLOTS_OFFSET + index * SLOT_SIZE;
    }

    static long entry(int seq) {
        return RING_OFFSET + (seq & RING_MASK) * ENTRY_SIZE;
    }

    static String kindName(int kind) {
        return switch (kind) {
            case KIND_QUEUE -> "Queue";
            case KIND_JOINABLE -> "JoinableQueue";
            case KIND_SIMPLE -> "SimpleQueue";
            default -> "unknown kind " + kind;
        };
    }
}
