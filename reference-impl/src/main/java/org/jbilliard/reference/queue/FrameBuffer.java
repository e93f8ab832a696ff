package org.jbilliard.reference.queue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import org.jbilliard.reference.nativeio.LibC;

/**
 * The frames a {@link Feeder} holds between {@code put} and their {@code write}, kept in native
 * memory so that a producer running ahead of its consumers costs the garbage collector nothing: an
 * unbounded queue of chunks of {@link #CHUNK_BYTES} (2 MiB), each holding whole frames back to back (header
 * then payload, exactly as they go into the FIFO).
 *
 * <pre>
 *   chunks, oldest first                                            spares (reused before allocating)
 *   +------------------------------------+   +-------------------+   +---------+ +---------+
 *   | written | in flight | buffered     |   | buffered | free   |   | 2 MiB   | | 2 MiB   |
 *   +------------------------------------+   +-------------------+   +---------+ +---------+
 *   0         ^           ^ taken        ^   0          ^ filled ^ capacity
 *             previous batch             filled
 *
 *   a frame that does not fit in the rest of the newest chunk starts a new one;
 *   a frame larger than a chunk gets a segment of its own, freed as soon as it is written.
 * </pre>
 *
 * {@link #append} writes a frame's header and copies its payload (the only copy of the codec's
 * bytes before the FIFO). {@link #take} hands out the next run of contiguous frames of one chunk as
 * a {@link Batch} that the writer passes to {@code write(2)} straight from this memory.
 * {@link #retire} then recycles what was written: a drained newest chunk starts over at offset 0, a
 * drained older one goes to the spares (up to {@link #MAX_SPARE_CHUNKS}) or is freed;
 * {@link #trimSpares()} (called by an idle feeder) keeps {@link #SPARE_CHUNKS} of them. Spares
 * matter: memory fresh from the kernel costs a page fault per 4 KiB on first touch, several times
 * the cost of copying a frame into it, so a producer that keeps running ahead of its consumers
 * would otherwise pay that for every chunk. {@link #free} frees everything.
 *
 * <p><b>Large payloads are not copied.</b> A payload of at least {@link #HELD_PAYLOAD_BYTES}
 * (32 KiB) is kept as the codec's array — which {@code put} owns ({@code Codec.encode} returns a new
 * array) — while at most {@link #MAX_HELD_BYTES} (64 MiB) of such arrays are held: only its 12-byte
 * header goes into the chunk, and {@link #take} hands the frame out alone with the array as the
 * batch's {@link Batch#tail}, which {@code write(2)} takes straight from the heap (one more
 * {@code write} per such frame, for its header). The profile of a 64 KiB and a 1 MiB stream showed
 * the producer spending most of its time at the copy into the chunk, because a producer running
 * ahead of its consumer keeps touching fresh chunks (a fault and a zeroed page per 2 MiB or
 * 4 KiB); see the profile notes in benchmarks/README.md for what the change did and did not show.
 * Beyond the bound, frames are copied into chunks as before, so a backlog still grows native
 * memory rather than the Java heap.
 *
 * <p>Chunks are anonymous mappings of whole 2 MiB huge pages ({@link LibC#mmapHugeAligned}), unmapped
 * explicitly: on a virtual machine a 4 KiB page fault on fresh memory can cost more than copying
 * the 4 KiB, and a shared {@code Arena}'s close stops every thread of the JVM; both showed up as the
 * producer's main costs when its backlog grew.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: the owning {@link Feeder} guards every call with its
 * lock (which so guards the held arrays and their count too). The memory of a taken batch, and its
 * held array, are only read (by the writer, outside that lock) until the next {@link #retire}, and
 * appends never touch them.
 */
final class FrameBuffer {

    /** Size of a standard chunk: one transparent huge page. */
    static final int CHUNK_BYTES = (int) LibC.HUGE_PAGE_SIZE;
    /** Drained standard chunks kept for reuse while the feeder is busy; beyond them, drained chunks are freed. */
    static final int MAX_SPARE_CHUNKS = 32;
    /** Drained standard chunks kept for reuse after {@link #trimSpares()}. */
    static final int SPARE_CHUNKS = 2;
    /** A payload at least this long is held as its array instead of being copied into a chunk. */
    static final int HELD_PAYLOAD_BYTES = 32 * 1024;
    /** At most this many payload bytes are held as arrays; beyond it payloads are copied. */
    static final long MAX_HELD_BYTES = 64L << 20;

    private static final ValueLayout.OfInt INT_LE =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * A run of contiguous frames to write: {@code length} bytes of {@code segment} from
     * {@code offset}, then, if {@link #tail} is set, the whole tail: the payload of the batch's one
     * frame, held as its array (the chunk then holds only that frame's header).
     */
    static final class Batch {
        MemorySegment segment;
        long offset;
        int length;
        int count;
        final int[] lengths;
        /** The held payload of a one-frame batch, or {@code null}; {@link #lengths} counts it. */
        MemorySegment tail;
        /** The array behind {@link #tail}, for {@link #untake}. */
        byte[] tailArray;

        Batch(int maxFrames) {
            lengths = new int[maxFrames];
        }
    }

    private static final class Chunk {
        final MemorySegment segment;
        /** Bytes holding frames. */
        long filled;
        /** Bytes handed out by {@link #take} (written or being written). */
        long taken;

        Chunk(long size) {
            segment = LibC.mmapHugeAligned(size);
        }

        long capacity() {
            return segment.byteSize();
        }

        void free() {
            LibC.munmap(segment);
        }
    }

    /** A frame whose chunk holds only its header, at {@code at}; its payload is {@code payload}. */
    private record Held(Chunk chunk, long at, byte[] payload) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final ArrayDeque<Chunk> spares = new ArrayDeque<>();
    /** The held frames, oldest first (their order in the chunks). */
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long heldBytes;
    private int frames;

    /** @return frames appended and not yet taken */
    int frames() {
        return frames;
    }

    /**
     * Appends one frame: header ({@link FrameLayout}) and payload.
     *
     * @param payload  the codec's bytes, at most {@link PipeChannel#MAX_ITEM_BYTES}; a large one may be
     *                 held (not copied) until it is written, so the caller must not change it
     * @param checksum the CRC32C of {@code payload}
     * @throws OutOfMemoryError if no native memory is left (nothing is appended then)
     */
    void append(byte[] payload, int checksum) {
        boolean hold = payload.length >= HELD_PAYLOAD_BYTES && heldBytes + payload.length <= MAX_HELD_BYTES;
        long size = FrameLayout.HEADER_SIZE + (hold ? 0 : (long) payload.length);
        Chunk c = chunks.peekLast();
        if (c == null || c.capacity() - c.filled < size) {
            c = newChunk(size);
            chunks.addLast(c);
        }
        MemorySegment s = c.segment;
        long at = c.filled;
        s.set(INT_LE, at + FrameLayout.MAGIC_OFFSET, FrameLayout.MAGIC);
        s.set(INT_LE, at + FrameLayout.LENGTH_OFFSET, payload.length);
        s.set(INT_LE, at + FrameLayout.CHECKSUM_OFFSET, checksum);
        if (hold) {
            held.addLast(new Held(c, at, payload));
            heldBytes += payload.length;
        } else {
            MemorySegment.copy(payload, 0, s, ValueLayout.JAVA_BYTE, at + FrameLayout.HEADER_SIZE, payload.length);
        }
        c.filled = at + size;
        frames++;
    }

    /**
     * Takes the oldest buffered frames that lie contiguously in one chunk, at most {@code maxFrames}
     * of them and at most {@code maxBytes} bytes, except that a first frame larger than
     * {@code maxBytes} is taken alone. A held frame is always taken alone, with its payload as the
     * batch's {@link Batch#tail}.
     *
     * @return {@code false} if nothing is buffered
     */
    boolean take(Batch batch, int maxBytes, int maxFrames) {
        if (frames == 0) {
            return false;
        }
        Chunk c = null;
        for (Chunk candidate : chunks) {
            if (candidate.taken < candidate.filled) {
                c = candidate;
                break;
            }
        }
        if (c == null) {
            throw new IllegalStateException("frame count " + frames + " with no buffered bytes");
        }
        MemorySegment s = c.segment;
        long start = c.taken;
        long pos = start;
        int count = 0;
        batch.tail = null;
        batch.tailArray = null;
        while (pos < c.filled && count < maxFrames) {
            Held h = held.peekFirst();
            if (h != null && h.chunk() == c && h.at() == pos) {
                if (count == 0) {
                    held.pollFirst();
                    heldBytes -= h.payload().length;
                    batch.tail = MemorySegment.ofArray(h.payload());
                    batch.tailArray = h.payload();
                    batch.lengths[count++] = FrameLayout.HEADER_SIZE + h.payload().length;
                    pos += FrameLayout.HEADER_SIZE;
                }
                break;
            }
            int len = FrameLayout.HEADER_SIZE + s.get(INT_LE, pos + FrameLayout.LENGTH_OFFSET);
            if (count > 0 && pos - start + len > maxBytes) {
                break;
            }
            batch.lengths[count++] = len;
            pos += len;
            if (pos - start >= maxBytes) {
                break;
            }
        }
        c.taken = pos;
        frames -= count;
        batch.segment = s;
        batch.offset = start;
        batch.length = (int) (pos - start);
        batch.count = count;
        return true;
    }

    /**
     * Gives back the batch last taken, none of which was written: its frames are buffered again, in
     * front of any appended since. Valid only while no other batch was taken meanwhile.
     */
    void untake(Batch batch) {
        for (Chunk c : chunks) {
            if (c.segment.address() == batch.segment.address()) {
                if (c.taken != batch.offset + batch.length) {
                    throw new IllegalStateException("batch at " + batch.offset + " is not the last taken");
                }
                c.taken = batch.offset;
                frames += batch.count;
                if (batch.tailArray != null) {
                    held.addFirst(new Held(c, batch.offset, batch.tailArray));
                    heldBytes += batch.tailArray.length;
                }
                return;
            }
        }
        throw new IllegalStateException("batch of an unknown chunk");
    }

    /**
     * Recycles the chunks whose frames were all written. Call only when no taken batch is still
     * being written.
     */
    void retire() {
        while (!chunks.isEmpty()) {
            Chunk c = chunks.peekFirst();
            if (c.taken != c.filled) {
                return;
            }
            if (chunks.size() == 1 && c.capacity() == CHUNK_BYTES) {
                // NOTE: only the newest chunk can start over: appends go to it, at filled.
                c.taken = 0;
                c.filled = 0;
                return;
            }
            chunks.pollFirst();
            recycle(c);
        }
    }

    /** Frees all memory; the buffer is empty afterwards and may be used again. */
    void free() {
        for (Chunk c : chunks) {
            c.free();
        }
        for (Chunk c : spares) {
            c.free();
        }
        chunks.clear();
        spares.clear();
        held.clear();
        heldBytes = 0;
        frames = 0;
    }

    /** @return bytes of native memory held (for tests) */
    long footprint() {
        long bytes = 0;
        for (Chunk c : chunks) {
            bytes += c.capacity();
        }
        for (Chunk c : spares) {
            bytes += c.capacity();
        }
        return bytes;
    }

    private Chunk newChunk(long frameSize) {
        if (frameSize > CHUNK_BYTES) {
            return new Chunk((frameSize + CHUNK_BYTES - 1) / CHUNK_BYTES * CHUNK_BYTES);
        }
        Chunk spare = spares.pollFirst();
        return spare != null ? spare : new Chunk(CHUNK_BYTES);
    }

    /** Frees the spares beyond {@link #SPARE_CHUNKS}. */
    void trimSpares() {
        while (spares.size() > SPARE_CHUNKS) {
            spares.pollLast().free();
        }
    }

    private void recycle(Chunk c) {
        if (c.capacity() == CHUNK_BYTES && spares.size() < MAX_SPARE_CHUNKS) {
            c.taken = 0;
            c.filled = 0;
            spares.addFirst(c);
        } else {
            c.free();
        }
    }
}
