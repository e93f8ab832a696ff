package org.jbilliard.reference.queue;

import static org.jbilliard.reference.queue.ControlBlockLayout.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.jbilliard.QueueCorruptedException;
import org.jbilliard.reference.nativeio.LibC;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * Resynchronises a reader at the next published frame boundary after bytes from outside the
 * protocol (garbage written into the FIFO by a process of the same user) made a frame fail its
 * checks.
 *
 * <p><b>Why it can be exact.</b> Foreign bytes are only ever <em>inserted</em> into the stream: the
 * stream the reader sees is the published one with pieces of garbage between some of its bytes (a
 * pipe keeps each {@code write(2)} from a non-blocking descriptor, and each one of at most PIPE_BUF
 * bytes, in one piece). Every published frame's stream offset and length are in the ring. So once a
 * frame fails at stream offset {@code S}, where everything before was intact, each later intact frame
 * {@code k} appears at {@code start(k) + g} for the number {@code g} of foreign bytes before it — with
 * {@code 0 <= g <= G}, where {@code G} (bytes read or readable beyond what writers wrote) is known
 * from {@code rPos + FIONREAD - wPos}. The resync scans the bytes from {@code S} on for a frame header
 * whose length is that of a published frame placed so (the smallest such {@code k}: the most foreign
 * bytes before it, which is exact for a single piece of garbage), checks its checksum, and continues
 * frame by frame from there; a frame failing again (a second piece of garbage) is scanned past the
 * same way. The frames skipped over are the only ones lost: those whose bytes the garbage displaced
 * (or broke), at most one per piece of garbage.
 *
 * <p><b>What it leaves.</b> The intact bytes found are moved in the read stage to where the published
 * offsets put them, the lost frames before the first intact one are passed ({@code rSeq}), those
 * between intact ones are flagged skip, {@code qsize} (and the unfinished count) lose the lost items,
 * and {@code rPos} is set back on the published offsets: the next read of any process continues as if
 * no garbage had been there. The stage bounds the work: the bytes from the first intact frame on must
 * fit in it, and garbage further on is left to the next resync. A frame longer than the stage is taken
 * on its header alone (the normal read checks it). The caller's {@code get} throws the returned
 * {@link QueueCorruptedException}, which says how many bytes were discarded and how many items were lost.
 *
 * <p>It takes no lock besides the caller's read lock: writers go on publishing and writing meanwhile
 * (reading makes room for them). Waiting for bytes, it ends once every published byte has been written
 * and read (the writer's seqlock even around {@code wPos == published bytes} and an empty FIFO):
 * frames not found by then are lost.
 *
 * <p><b>When it gives up</b> — the writer holding the write lock died, or a writer asks for a repair
 * — it falls back to dropping every published, unread frame (the caller's {@code dropAll}), as the
 * protocol does after an accounting mismatch.
 *
 * <p><b>Limits.</b> With several pieces of garbage waiting in the unread stream and items of equal
 * length, which of them a piece displaced cannot be told from the bytes; the count may then be
 * reported by a later exception (or by the repair of the last frames, silently) rather than this one;
 * {@code qsize} stays exact either way. A reader killed while resynchronising leaves the next one to
 * start over. A frame longer than the stage (256 KiB) that garbage lands in front of is lost with it.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: used only by the holder of the read lock (one thread of
 * one process at a time).
 */
final class FrameResync {

    private static final int SLICE_MILLIS = (int) (SharedLock.SLICE_NANOS / 1_000_000);
    private static final int SNAPSHOT_TRIES = 64;

    private final ControlBlock cb;
    private final int fd;
    private final MemorySegment stage;
    private final long me;
    private final String name;
    private final int kind;

    FrameResync(ControlBlock cb, int fd, MemorySegment stage, long me, String name, int kind) {
        this.cb = cb;
        this.fd = fd;
        this.stage = stage;
        this.me = me;
        this.name = name;
        this.kind = kind;
    }

    /**
     * Called by the read lock holder when frame {@code s} (the next to take, {@code rSeq}, whose
     * bytes are complete) failed its checks; nothing of it has been counted yet.
     *
     * @param s         the frame
     * @param inPrivate whether its bytes were read into the reader's private buffer (a frame longer
     *                  than the stage) rather than into the stage
     * @param problem   what is wrong with it
     * @param deadline  when to stop waiting for bytes a writer has not written yet (it may not be
     *                  running); {@link SharedLock#NO_DEADLINE} for never
     * @param dropAll   the protocol's fallback: drops every published, unread frame by the deadline
     *                  it is given, returning {bytes discarded, items lost}, or {@code null} if the
     *                  drop is owed to the next reader ({@link StreamRepair#resync})
     * @return the exception for the caller to throw, or {@code null} if the deadline came first: the
     *         scan is then owed to the next reader, which continues it where it stopped
     *         ({@link ControlBlockLayout#R_RESYNC_OFFSET}, {@link #resume}), and the caller's
     *         {@code get} throws {@code Empty}
     */
    QueueCorruptedException afterBadFrame(int s, boolean inPrivate, String problem, long deadline,
                                          LongFunction<long[]> dropAll) {
        long start = cb.getLong(entry(s) + ENTRY_START);
        int len = cb.getInt(entry(s) + ENTRY_LENGTH);
        String what = name + ": frame " + s + " of " + len + " bytes: " + problem;
        return finish(new Run(s, start, inPrivate ? start + len : start + 1, deadline), what, dropAll);
    }

    /**
     * Continues the scan that an earlier reader left at its deadline
     * ({@link ControlBlockLayout#R_RESYNC_OFFSET} {@code = at + 1}): frame {@code s} ({@code rSeq})
     * failed its checks, no intact frame was found before stream offset {@code at}, and the stage
     * holds the bytes {@code [at, rPos)}. Called by the read lock holder before it takes any frame.
     *
     * @return as {@link #afterBadFrame}
     */
    QueueCorruptedException resume(int s, long at, long deadline, LongFunction<long[]> dropAll) {
        long start = cb.getLong(entry(s) + ENTRY_START);
        String what = name + ": frame " + s + " of " + cb.getInt(entry(s) + ENTRY_LENGTH)
                + " bytes failed its checks (found by an earlier get, which its deadline ended)";
        return finish(new Run(s, start, at, deadline), what, dropAll);
    }

    private QueueCorruptedException finish(Run run, String what, LongFunction<long[]> dropAll) {
        if (run.scan()) {
            run.install();
            return new QueueCorruptedException(what + "; resynchronised at the next published frame boundary: "
                    + "discarded " + run.discarded() + " bytes of foreign data and displaced frames ("
                    + run.lostItems + (run.lostItems == 1 ? " item" : " items") + " lost)");
        }
        if (run.owedAt >= 0) {
            // NOTE: the frame's bytes are not needed any more (the scan is past them, in the stage).
            cb.setInt(R_PRIVATE_OFFSET, PRIVATE_NONE);
            cb.setLong(R_RESYNC_OFFSET, run.owedAt + 1);
            return null;
        }
        long[] dropped = dropAll.apply(run.deadline);
        if (dropped == null) {
            return null;
        }
        return new QueueCorruptedException(what + "; could not resynchronise (" + run.gaveUp + "), discarded "
                + dropped[0] + " more bytes (" + dropped[1] + " items lost)");
    }

    /** One resynchronisation: positions are stream offsets as the reader counts them (garbage included). */
    private final class Run {
        /** Where the failed frame starts: up to here the stream is aligned (actual = published offsets). */
        final long base;
        final long scanFrom;
        /** Bytes read so far (actual offset); the stage holds what is needed of them. */
        long read;
        /** Actual offset of the first intact frame found (the stage keeps everything from it). */
        long keepFrom = -1;
        /** Next frame label (ring sequence) that may still appear. */
        int label;
        /** Foreign bytes before the current position, as the chosen labels imply. */
        long shift;
        int lostItems;
        long discarded;
        String gaveUp = "";
        /** Every published byte up to {@link #drainedBytes} (frames before {@link #drainedPub}) was read. */
        boolean isDrained;
        int drainedPub;
        long drainedBytes;
        /** Stretches of intact frames: {actual start, published start, length or -1 while open}. */
        final List<long[]> segments = new ArrayList<>();
        /** Where the last stretch ended at a second piece of garbage (-1: it did not). */
        long brokenAt = -1;
        /** Labels lost between two stretches (flagged skip); those before the first are passed. */
        final List<Integer> lostBetween = new ArrayList<>();
        /** The label the reader moves to ({@code rSeq}). */
        int passTo = -1;
        /** Every published frame was read: the reader ends at the end of the published stream. */
        boolean toEnd;

        /** When to stop waiting for bytes; see {@link #afterBadFrame}. */
        final long deadline;
        /** Where the scan stopped at the deadline (the stage holds {@code [owedAt, read)}), or -1. */
        long owedAt = -1;

        Run(int s, long start, long scanFrom, long deadline) {
            this.base = start;
            this.label = s;
            this.scanFrom = scanFrom;
            this.deadline = deadline;
            this.read = cb.getLong(R_POS_OFFSET);
        }

        long discarded() {
            return discarded;
        }

        /**
         * Finds the intact frames in the bytes from {@link #base} on.
         *
         * @return {@code false} to fall back to dropping everything
         */
        boolean scan() {
            long p = scanFrom;
            boolean aligned = false;
            long cur = 0;
            while (true) {
                int pub = cb.getInt(W_PUB_OFFSET);
                if (aligned) {
                    // Frame `label` is expected at cur; the hand's real bytes all belong to frames
                    // before pub (read before pub was), so past the last of them there is only garbage.
                    if (label - pub >= 0) {
                        close(cur);
                        return true;
                    }
                    long e = entry(label);
                    int frameLength = cb.getInt(e + ENTRY_LENGTH);
                    boolean skip = (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) != 0;
                    if (read - cur < frameLength) {
                        close(read); // a frame still arriving: the normal read finishes it
                        return true;
                    }
                    if (skip || (magicAt(cur) && lengthAt(cur) + FrameLayout.HEADER_SIZE == frameLength
                            && intactAt(cur, frameLength))) {
                        cur += frameLength;
                        label++;
                        continue;
                    }
                    // A second piece of garbage: this stretch ends here, scanning resumes after it.
                    brokenAt = cur;
                    aligned = false;
                    p = cur + 1;
                    continue;
                }
                if (read - p < FrameLayout.HEADER_SIZE) {
                    if (isDrained) {
                        if (!segments.isEmpty()) {
                            close(brokenAt);
                        }
                        endOfStream(drainedPub);
                        return true;
                    }
                    int more = more(p);
                    if (more < 0) {
                        return false;
                    }
                    if (more == 0 && !segments.isEmpty()) {
                        close(read); // the rest is left to the next resync
                        return true;
                    }
                    continue;
                }
                if (!magicAt(p)) {
                    p++;
                    continue;
                }
                int frameLength = lengthAt(p) + FrameLayout.HEADER_SIZE;
                int k = frameLength < FrameLayout.HEADER_SIZE ? -1 : candidate(p, frameLength, pub);
                if (k < 0) {
                    p++;
                    continue;
                }
                if (frameLength <= STAGE_SIZE) {
                    if (read - p < frameLength) {
                        if (isDrained) {
                            p++; // nothing more can come: not a frame
                            continue;
                        }
                        int more = more(p);
                        if (more < 0) {
                            return false;
                        }
                        if (more == 0 && !segments.isEmpty()) {
                            close(read);
                            return true;
                        }
                        continue;
                    }
                    if (!intactAt(p, frameLength)) {
                        p++;
                        continue;
                    }
                }
                anchor(p, k);
                aligned = true;
                cur = p;
            }
        }

        /**
         * Every published frame's bytes have been read (the write lock is held and the FIFO was
         * empty) and none is intact from {@code label} on: they are all lost, and the reader moves to
         * the end of the published stream.
         */
        private void endOfStream(int pub) {
            for (int k = label; k - pub < 0; k++) {
                if ((cb.getInt(entry(k) + ENTRY_FLAGS) & FLAG_SKIP) == 0) {
                    lostItems++;
                }
                if (!segments.isEmpty()) {
                    lostBetween.add(k);
                }
            }
            if (segments.isEmpty()) {
                passTo = pub;
            }
            toEnd = true;
            label = pub;
        }

        /**
         * The smallest frame label that can start at {@code p} with this length: one not before
         * {@link #label}, with as many foreign bytes before it as lie between the current alignment
         * ({@link #shift}) and the bound; -1 if none.
         */
        private int candidate(long p, int frameLength, int published) {
            // NOTE: once drained, the hand holds bytes of frames published by then only.
            int pub = isDrained ? drainedPub : published;
            long bound = garbageBound();
            // NOTE: starts grow with the label, so the foreign bytes a label implies shrink with it.
            int lo = label;
            if (bound != Long.MAX_VALUE) {
                int hi = pub;
                while (lo < hi) {
                    int mid = (int) (((long) lo + hi) >>> 1);
                    if (p - cb.getLong(entry(mid) + ENTRY_START) > bound) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
            }
            for (int k = lo; k - pub < 0; k++) {
                long e = entry(k);
                long g = p - cb.getLong(e + ENTRY_START);
                if (g <= shift) {
                    // NOTE: at least one foreign byte lies between the last intact frame and this one;
                    // later labels would imply fewer.
                    return -1;
                }
                if (cb.getInt(e + ENTRY_LENGTH) == frameLength && (cb.getInt(e + ENTRY_FLAGS) & FLAG_SKIP) == 0) {
                    return k;
                }
            }
            return -1;
        }

        /** Foreign bytes read or readable beyond {@link #base}: {@code read + FIONREAD - wPos}, or no bound. */
        private long garbageBound() {
            for (int i = 0; i < SNAPSHOT_TRIES; i++) {
                int seq = cb.getInt(W_SEQLOCK_OFFSET);
                if ((seq & 1) != 0) {
                    Thread.onSpinWait();
                    continue;
                }
                long wPos = cb.getLong(W_POS_OFFSET);
                long available = LibC.fionread(fd);
                if (cb.getInt(W_SEQLOCK_OFFSET) == seq) {
                    long g = read + available - wPos;
                    return g > 0 ? g : Long.MAX_VALUE; // none seen: the accounting is off, no bound
                }
            }
            return Long.MAX_VALUE;
        }

        private void anchor(long p, int k) {
            long start = cb.getLong(entry(k) + ENTRY_START);
            for (int lost = label; lost - k < 0; lost++) {
                if ((cb.getInt(entry(lost) + ENTRY_FLAGS) & FLAG_SKIP) == 0) {
                    lostItems++;
                }
                if (!segments.isEmpty()) {
                    lostBetween.add(lost);
                }
            }
            if (segments.isEmpty()) {
                passTo = k;
                keepFrom = p;
            } else {
                close(brokenAt);
            }
            brokenAt = -1;
            shift = p - start;
            segments.add(new long[] {p, start, -1});
            label = k;
        }

        /** Ends the open stretch at actual offset {@code end}. */
        private void close(long end) {
            long[] seg = segments.get(segments.size() - 1);
            if (seg[2] < 0) {
                seg[2] = end - seg[0];
            }
        }

        /**
         * Reads what the FIFO holds into the stage after the hand, as far as the stage can hold it
         * without overwriting bytes still needed (from {@code p}, or from the first intact frame).
         *
         * @return bytes read; 0 if none now (after waiting up to a slice when nothing was found yet
         *         and a writer may still be writing published bytes); or -1 to give up
         */
        private int more(long p) {
            long from = segments.isEmpty() ? p : keepFrom;
            long at = read & STAGE_MASK;
            long want = Math.min(from + STAGE_SIZE - read, STAGE_SIZE - at);
            if (want <= 0) {
                return 0; // only with a stretch found: the stage is full from it
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            long n = LibC.read(fd, stage, at, want);
            if (n > 0) {
                read += n;
                cb.setLong(R_POS_OFFSET, read);
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            if (n > 0) {
                wakeRoomWaiters();
                return (int) n;
            }
            if (!segments.isEmpty()) {
                return 0;
            }
            if (cb.getInt(REPAIR_REQUEST_OFFSET) != 0) {
                gaveUp = "a writer asked for a repair";
                return -1;
            }
            long owner = SharedLock.owner(cb, WRITE_LOCK_OFFSET);
            if (owner != 0 && owner != me && !ProcessIdentity.isAlive(owner)) {
                gaveUp = "the writer died";
                return -1;
            }
            // Nothing readable: a writer may be on its way, or every published byte has been read.
            if (!drained()) {
                long now = System.nanoTime();
                if (Waits.passed(deadline, now)) {
                    // NOTE: the writer may not be running: the scan is left, owed, for the next reader.
                    owedAt = from;
                    gaveUp = "deadline";
                    return -1;
                }
                long wait = Waits.slice(deadline, now, SharedLock.SLICE_NANOS);
                LibC.poll(fd, LibC.POLLIN, (int) Math.max(1, Math.min(SLICE_MILLIS, (wait + 999_999) / 1_000_000)));
            }
            return 0;
        }

        /**
         * Whether every published byte has been written and read: the writer's seqlock is even and
         * unchanged around {@code wPos == published bytes} and an empty FIFO. No byte of a frame
         * published by then can come any more (a writer publishes before it writes), so from now on
         * the hand is all there is; {@link #drainedPub} and {@link #drainedBytes} say up to where.
         */
        private boolean drained() {
            int seq = cb.getInt(W_SEQLOCK_OFFSET);
            if ((seq & 1) != 0) {
                return false;
            }
            int pub = cb.getInt(W_PUB_OFFSET);
            long pubBytes = cb.getLong(W_PUB_BYTES_OFFSET);
            long wPos = cb.getLong(W_POS_OFFSET);
            if (wPos != pubBytes || LibC.fionread(fd) != 0) {
                return false;
            }
            if (cb.getInt(W_SEQLOCK_OFFSET) != seq || cb.getInt(W_PUB_OFFSET) != pub
                    || cb.getLong(W_PUB_BYTES_OFFSET) != pubBytes) {
                return false;
            }
            drainedPub = pub;
            drainedBytes = pubBytes;
            isDrained = true;
            return true;
        }

        private boolean magicAt(long p) {
            return intAt(p + FrameLayout.MAGIC_OFFSET) == FrameLayout.MAGIC;
        }

        private int lengthAt(long p) {
            return intAt(p + FrameLayout.LENGTH_OFFSET);
        }

        private int intAt(long p) {
            int v = 0;
            for (int i = 3; i >= 0; i--) {
                v = (v << 8) | (stage.get(ValueLayout.JAVA_BYTE, (p + i) & STAGE_MASK) & 0xff);
            }
            return v;
        }

        private boolean intactAt(long p, int frameLength) {
            byte[] frame = new byte[frameLength];
            copyOut(p, frame, 0, frameLength);
            return FrameLayout.verify(frame, frameLength) == null;
        }

        private void copyOut(long from, byte[] to, int offset, int length) {
            int at = (int) (from & STAGE_MASK);
            int first = Math.min(length, STAGE_SIZE - at);
            MemorySegment.copy(stage, ValueLayout.JAVA_BYTE, at, to, offset, first);
            if (first < length) {
                MemorySegment.copy(stage, ValueLayout.JAVA_BYTE, 0, to, offset + first, length - first);
            }
        }

        private void copyIn(byte[] from, int offset, long to, int length) {
            int at = (int) (to & STAGE_MASK);
            int first = Math.min(length, STAGE_SIZE - at);
            MemorySegment.copy(from, offset, stage, ValueLayout.JAVA_BYTE, at, first);
            if (first < length) {
                MemorySegment.copy(from, offset + first, stage, ValueLayout.JAVA_BYTE, 0, length - first);
            }
        }

        /**
         * Moves the intact stretches to their published offsets in the stage and sets the reader
         * state on them; see the class comment.
         */
        void install() {
            long pubBytes = cb.getLong(W_PUB_BYTES_OFFSET);
            long nominalEnd;
            long kept = 0;
            byte[][] copies = new byte[segments.size()][];
            long[][] placed = new long[segments.size()][];
            int used = 0;
            for (long[] seg : segments) {
                // NOTE: nothing of a stretch lies beyond the published stream; what would is foreign.
                long length = Math.min(seg[2], (toEnd ? drainedBytes : pubBytes) - seg[1]);
                if (length <= 0) {
                    break;
                }
                byte[] copy = new byte[(int) length];
                copyOut(seg[0], copy, 0, copy.length);
                copies[used] = copy;
                placed[used] = new long[] {seg[1], length};
                kept += length;
                used++;
            }
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            for (int i = 0; i < used; i++) {
                copyIn(copies[i], 0, placed[i][0], copies[i].length);
            }
            if (toEnd) {
                nominalEnd = drainedBytes;
            } else if (used == 0) {
                nominalEnd = cb.getLong(entry(passTo) + ENTRY_START);
            } else {
                nominalEnd = placed[used - 1][0] + placed[used - 1][1];
            }
            for (int k : lostBetween) {
                long e = entry(k);
                cb.setInt(e + ENTRY_FLAGS, cb.getInt(e + ENTRY_FLAGS) | FLAG_SKIP);
            }
            cb.setLong(R_POS_OFFSET, nominalEnd);
            cb.setInt(R_PRIVATE_OFFSET, 0);
            cb.setInt(R_SEQ_OFFSET, passTo);
            cb.setLong(R_RESYNC_OFFSET, 0);
            cb.addInt(R_SEQLOCK_OFFSET, 1);
            discarded = read - base - kept;
            forget(lostItems);
            wakeRoomWaiters();
        }

        /** Takes lost items off {@code qsize} (and the unfinished count), waking who waits on them. */
        private void forget(int items) {
            if (items == 0) {
                return;
            }
            Counters.addQsize(cb, -items);
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

        private void wakeRoomWaiters() {
            if (cb.getInt(ROOM_WAITERS_OFFSET) > 0) {
                cb.futexWakeAll(R_SEQLOCK_OFFSET);
            }
        }
    }
}
