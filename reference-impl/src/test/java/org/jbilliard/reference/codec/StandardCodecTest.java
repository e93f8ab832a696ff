package org.jbilliard.reference.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import org.jbilliard.CodecException;

class StandardCodecTest {

    private final StandardCodec codec = new StandardCodec();

    @Provide
    Arbitrary<Object> items() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.shorts(),
                Arbitraries.bytes(),
                Arbitraries.chars(),
                Arbitraries.floats(),
                Arbitraries.doubles(),
                Arbitraries.of(Float.NaN, -0.0f, Float.NEGATIVE_INFINITY),
                Arbitraries.of(Double.NaN, -0.0d, Double.MIN_VALUE),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.integers().list().ofMaxSize(10).map(ArrayList::new),
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> new Point(s.length(), s)));
    }

    @Property(tries = 2000)
    void everyItemRoundTrips(@ForAll("items") Object item) {
        byte[] encoded = codec.encode(item);
        Object decoded = codec.decode(encoded, 0, encoded.length);
        if (item instanceof byte[] bytes) {
            assertThat((byte[]) decoded).containsExactly(bytes);
        } else {
            assertThat(decoded).isEqualTo(item);
            if (item != null) {
                assertThat(decoded).hasSameClassAs(item);
            }
        }
    }

    @Property(tries = 300)
    void decodesAtAnOffsetInsideALargerBuffer(@ForAll("items") Object item, @ForAll byte filler) {
        byte[] encoded = codec.encode(item);
        byte[] framed = new byte[encoded.length + 7];
        java.util.Arrays.fill(framed, filler);
        System.arraycopy(encoded, 0, framed, 3, encoded.length);
        Object decoded = codec.decode(framed, 3, encoded.length);
        if (item instanceof byte[] bytes) {
            assertThat((byte[]) decoded).containsExactly(bytes);
        } else {
            assertThat(decoded).isEqualTo(item);
        }
    }

    @Example
    void smallFastPathItemsAreSmall() {
        assertThat(codec.encode(42)).hasSize(5);
        assertThat(codec.encode(null)).hasSize(1);
        assertThat(codec.encode("abc")).hasSize(4);
    }

    @Example
    void loneSurrogatesSurvive() {
        String broken = "a\uD800b\uDC00";
        byte[] encoded = codec.encode(broken);
        assertThat(encoded[0]).isEqualTo(StandardCodec.STRING_UTF16);
        assertThat(codec.decode(encoded, 0, encoded.length)).isEqualTo(broken);
    }

    @Example
    void byteBufferIsReadWithoutMovingItsPosition() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        buffer.position(1);
        byte[] encoded = codec.encode(buffer);
        assertThat(buffer.position()).isEqualTo(1);
        ByteBuffer decoded = (ByteBuffer) codec.decode(encoded, 0, encoded.length);
        assertThat(decoded.position()).isZero();
        assertThat(decoded).isEqualTo(ByteBuffer.wrap(new byte[] {2, 3, 4}));
    }

    @Example
    void unserializableItemIsRejectedAtEncodeNamingTheType() {
        Object item = new Holder(new Object());
        assertThatThrownBy(() -> codec.encode(item))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(Holder.class.getName())
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("not Serializable");
    }

    @Example
    void unknownTagIsACodecExceptionCarryingThePayload() {
        byte[] garbage = {99, 1, 2};
        assertThatThrownBy(() -> codec.decode(garbage, 0, 3))
                .isInstanceOfSatisfying(CodecException.class,
                        e -> assertThat(e.payload()).containsExactly(99, 1, 2))
                .hasMessageContaining("unknown codec tag 99");
    }

    @Example
    void wrongBodyLengthIsRejected() {
        byte[] truncatedInt = {StandardCodec.INT, 0, 0};
        assertThatThrownBy(() -> codec.decode(truncatedInt, 0, 3))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("needs 4 body bytes, item has 2");
        assertThatThrownBy(() -> codec.decode(new byte[0], 0, 0))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("no codec tag");
    }

    @Example
    void corruptSerializedStreamIsACodecException() {
        byte[] encoded = codec.encode(new Point(1, "x"));
        encoded[encoded.length / 2] ^= 0x5a;
        encoded[encoded.length / 2 + 1] ^= 0x5a;
        assertThatThrownBy(() -> codec.decode(encoded, 0, encoded.length)).isInstanceOf(CodecException.class);
    }

    @Example
    void allInstancesAreEqualAndSerializable() throws Exception {
        assertThat(new StandardCodec()).isEqualTo(codec).hasSameHashCodeAs(codec);
        var out = new java.io.ByteArrayOutputStream();
        try (var oos = new java.io.ObjectOutputStream(out)) {
            oos.writeObject(codec);
        }
        try (var ois = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            assertThat(ois.readObject()).isEqualTo(codec);
        }
    }

    @Example
    void objectGraphsKeepSharing() {
        Point shared = new Point(7, "s");
        List<Object> graph = new ArrayList<>(List.of(shared, shared, Map.of("k", shared)));
        byte[] encoded = codec.encode(graph);
        @SuppressWarnings("unchecked")
        List<Object> decoded = (List<Object>) codec.decode(encoded, 0, encoded.length);
        assertThat(decoded).isEqualTo(graph);
        assertThat(decoded.get(0)).isSameAs(decoded.get(1));
    }

    record Point(int x, String label) implements Serializable {
    }

    record Holder(Object value) implements Serializable {
    }
}
