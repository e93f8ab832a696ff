package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameBufferTest {

    private static final int MAX_BYTES = Feeder.BATCH_BYTES;
    private static final int MAX_FRAMES = 64;

    private final FrameBuffer buffer = new FrameBuffer();
    private final FrameBuffer.Batch batch = new FrameBuffer.Batch(MAX_FRAMES);

    @AfterEach
    void free() {
        buffer.free();
        assertThat(buffer.footprint()).isZero();
    }

    /** Takes and "writes" everything, checking every frame; returns the payloads in order. */
    private List<byte[]> drain(List<Integer> batchSizes) {
        List<byte[]> out = new ArrayList<>();
        while (buffer.take(batch, MAX_BYTES, MAX_FRAMES)) {
            byte[] bytes = batch.segment.asSlice(batch.offset, batch.length).toArray(ValueLayout.JAVA_BYTE);
            if (batch.tail != null) {
                assertThat(batch.count).isOne();
                byte[] tail = batch.tail.toArray(ValueLayout.JAVA_BYTE);
                byte[] whole = Arrays.copyOf(bytes, bytes.length + tail.length);
                System.arraycopy(tail, 0, whole, bytes.length, tail.length);
                bytes = whole;
            }
            int total = bytes.length;
            assertThat(batch.count).isBetween(1, MAX_FRAMES);
            assertThat(batch.length <= MAX_BYTES || batch.count == 1).as("batch of %d bytes", batch.length).isTrue();
            int at = 0;
            for (int i = 0; i < batch.count; i++) {
                byte[] frame = Arrays.copyOfRange(bytes, at, at + batch.lengths[i]);
                assertThat(FrameLayout.verify(frame, frame.length)).isNull();
                out.add(Arrays.copyOfRange(frame, FrameLayout.HEADER_SIZE, frame.length));
                at += batch.lengths[i];
            }
            assertThat(at).isEqualTo(total);
            batchSizes.add(batch.count);
            buffer.retire();
        }
        return out;
    }

    private void append(byte[] payload) {
        buffer.append(payload, FrameLayout.checksum(payload, 0, payload.length));
    }

    @Test
    void framesOfMixedSizesComeOutIntactInOrderAndWithinTheBatchLimits() {
        Random random = new Random(7);
        List<byte[]> in = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            int size = i % 50 == 0 ? random.nextInt(2 * FrameBuffer.CHUNK_BYTES) // some larger than a chunk
                    : i % 5 == 1 ? random.nextInt(100_000)
                    : random.nextInt(200);
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            in.add(payload);
            append(payload);
            if (i % 97 == 0) {
                assertThat(drain(new ArrayList<>())).containsExactlyElementsOf(in);
                in.clear();
            }
        }
        assertThat(buffer.frames()).isEqualTo(in.size());
        assertThat(drain(new ArrayList<>())).containsExactlyElementsOf(in);
        assertThat(buffer.frames()).isZero();
    }

    @Test
    void largePayloadsAreHeldAsTheirArraysUpToTheBoundAndCopiedBeyondIt() {
        byte[] large = new byte[FrameBuffer.HELD_PAYLOAD_BYTES];
        new Random(3).nextBytes(large);
        int held = (int) (FrameBuffer.MAX_HELD_BYTES / large.length);
        for (int i = 0; i < held + 3; i++) {
            append(large);
        }
        int heldBatches = 0;
        int copied = 0;
        while (buffer.take(batch, MAX_BYTES, MAX_FRAMES)) {
            if (batch.tail != null) {
                assertThat(batch.count).isOne();
                assertThat(batch.length).isEqualTo(FrameLayout.HEADER_SIZE);
                assertThat(batch.tailArray).isSameAs(large);
                assertThat(batch.lengths[0]).isEqualTo(FrameLayout.HEADER_SIZE + large.length);
                heldBatches++;
            } else {
                copied += batch.count;
            }
            buffer.retire();
        }
        assertThat(heldBatches).isEqualTo(held);
        assertThat(copied).isEqualTo(3);
    }

    @Test
    void anUntakenHeldFrameIsTakenAgainFirst() {
        byte[] large = new byte[FrameBuffer.HELD_PAYLOAD_BYTES + 1];
        large[7] = 42;
        append(large);
        append(new byte[3]);
        assertThat(buffer.take(batch, MAX_BYTES, MAX_FRAMES)).isTrue();
        assertThat(batch.tailArray).isSameAs(large);
        buffer.untake(batch);
        assertThat(buffer.frames()).isEqualTo(2);
        List<byte[]> out = drain(new ArrayList<>());
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isEqualTo(large);
        assertThat(out.get(1)).hasSize(3);
    }

    @Test
    void smallFramesGoOutInFullBatches() {
        for (int i = 0; i < 1000; i++) {
            append(new byte[4]);
        }
        List<Integer> sizes = new ArrayList<>();
        drain(sizes);
        assertThat(sizes).hasSize((1000 + MAX_FRAMES - 1) / MAX_FRAMES).allMatch(n -> n > 0);
        assertThat(sizes.get(0)).isEqualTo(MAX_FRAMES);
    }

    @Test
    void aDrainedBufferKeepsOnlyItsSpareChunks() {
        byte[] payload = new byte[16 * 1024]; // copied: below FrameBuffer.HELD_PAYLOAD_BYTES
        long chunks = FrameBuffer.SPARE_CHUNKS + 6L;
        for (int i = 0; i < chunks * FrameBuffer.CHUNK_BYTES / payload.length; i++) {
            append(payload);
        }
        assertThat(buffer.footprint()).isGreaterThanOrEqualTo(chunks * FrameBuffer.CHUNK_BYTES);
        drain(new ArrayList<>());
        assertThat(buffer.footprint()).as("drained chunks are kept for reuse")
                .isGreaterThanOrEqualTo(chunks * FrameBuffer.CHUNK_BYTES);
        buffer.trimSpares();
        assertThat(buffer.footprint()).isLessThanOrEqualTo((FrameBuffer.SPARE_CHUNKS + 1L) * FrameBuffer.CHUNK_BYTES);

        byte[] large = new byte[FrameBuffer.CHUNK_BYTES + 1];
        for (long held = 0; held + large.length <= FrameBuffer.MAX_HELD_BYTES; held += large.length) {
            append(large); // held as the array: no chunk space beyond its header
        }
        append(large); // beyond the held bound: copied into a segment of its own
        long withLarge = buffer.footprint();
        drain(new ArrayList<>());
        assertThat(buffer.footprint()).as("a frame larger than a chunk is freed once written")
                .isLessThan(withLarge - FrameBuffer.CHUNK_BYTES);
    }

    @Test
    void aBatchInFlightIsNeverReusedByLaterAppends() {
        byte[] first = new byte[1000];
        Arrays.fill(first, (byte) 1);
        append(first);
        assertThat(buffer.take(batch, MAX_BYTES, MAX_FRAMES)).isTrue();
        long offset = batch.offset;
        var segment = batch.segment;
        byte[] second = new byte[1000];
        Arrays.fill(second, (byte) 2);
        append(second);
        byte[] inFlight = segment.asSlice(offset, batch.length).toArray(ValueLayout.JAVA_BYTE);
        assertThat(FrameLayout.verify(inFlight, inFlight.length)).isNull();
        assertThat(inFlight[FrameLayout.HEADER_SIZE]).isEqualTo((byte) 1);
        buffer.retire();
        assertThat(drain(new ArrayList<>())).containsExactly(second);
    }
}
