package org.jbilliard.reference.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameLayoutTest {

    @Test
    void framesOfAnySizeRoundTripIntact() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] payload = new byte[random.nextInt(i < 1000 ? 64 : 70_000)];
            random.nextBytes(payload);
            byte[] frame = FrameLayout.encode(payload);
            assertThat(frame.length).isEqualTo(FrameLayout.HEADER_SIZE + payload.length);
            assertThat(FrameLayout.verify(frame, frame.length)).isNull();
            assertThat(Arrays.copyOfRange(frame, FrameLayout.HEADER_SIZE, frame.length)).isEqualTo(payload);
        }
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] frame = FrameLayout.encode("a small item".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] bad = frame.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(FrameLayout.verify(bad, bad.length)).as("bit %d", bit).isNotNull();
        }
    }

    @Test
    void aLengthThatDisagreesWithThePublishedLengthIsRejected() {
        byte[] frame = FrameLayout.encode(new byte[100]);
        assertThat(FrameLayout.verify(frame, frame.length - 1)).contains("length");
        assertThat(FrameLayout.verify(frame, 5)).contains("shorter than its header");
    }

    @Test
    void randomGarbageIsNeverAccepted() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            assertThat(FrameLayout.verify(garbage, garbage.length)).isNotNull();
        }
    }
}
