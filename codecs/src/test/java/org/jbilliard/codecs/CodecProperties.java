package org.jbilliard.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/** Round trips and refusals of both codecs over generated items of the type table. */
class CodecProperties {

    private final CborCodec cbor = new CborCodec();
    private final PickleCodec pickle = new PickleCodec();

    record Pair(Object left, Object right) {
    }

    @Property(tries = 300)
    void cborRoundTripsEveryTableItemByValue(@ForAll("cborItems") Object item) {
        Object back = cbor.decode(cbor.encode(item), 0, cbor.encode(item).length);
        assertThat(Values.same(back, Values.expected(item, Values.Table.CBOR)))
                .as("%s came back as %s", Values.show(item), Values.show(back)).isTrue();
    }

    @Property(tries = 300)
    void pickleRoundTripsEveryTableItemByValue(@ForAll("pickleItems") Object item) {
        byte[] bytes = pickle.encode(item);
        Object back = pickle.decode(bytes, 0, bytes.length);
        assertThat(Values.same(back, Values.expected(item, Values.Table.PICKLE)))
                .as("%s came back as %s", Values.show(item), Values.show(back)).isTrue();
    }

    @Property(tries = 200)
    void cborRefusesALoneSurrogateAnywherePickleKeepsIt(@ForAll("validText") String text,
            @ForAll @IntRange(min = 0xD800, max = 0xDFFF) int surrogate, @ForAll @IntRange(min = 0, max = 1000) int at) {
        int position = at % (text.length() + 1);
        // Insert next to a character that cannot pair with it, so the surrogate stays alone.
        String lone = text.substring(0, position) + (char) surrogate + "x" + text.substring(position);
        if (Text.loneSurrogate(lone) < 0) {
            return; // a high surrogate right before a low one formed a pair: valid text
        }
        assertThatThrownBy(() -> cbor.encode(List.of(lone))).isInstanceOf(CodecException.class)
                .hasMessageContaining("lone surrogate");
        byte[] bytes = pickle.encode(lone);
        assertThat(pickle.decode(bytes, 0, bytes.length)).isEqualTo(lone);
    }

    @Property(tries = 300)
    void aCorruptedCborItemDecodesOrFailsWithCodecException(@ForAll("cborItems") Object item,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte value, @ForAll boolean truncate) {
        corrupt(cbor, item, at, value, truncate);
    }

    @Property(tries = 300)
    void aCorruptedPickleDecodesOrFailsWithCodecException(@ForAll("pickleItems") Object item,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte value, @ForAll boolean truncate) {
        corrupt(pickle, item, at, value, truncate);
    }

    private static void corrupt(Codec codec, Object item, int at, byte value, boolean truncate) {
        byte[] bytes = codec.encode(item);
        int position = at % bytes.length;
        byte[] damaged = truncate ? Arrays.copyOf(bytes, position) : bytes.clone();
        if (!truncate) {
            damaged[position] = value;
        }
        try {
            codec.decode(damaged, 0, damaged.length);
        } catch (CodecException e) {
            assertThat(e.payload()).isEqualTo(damaged);
        }
    }

    @Property(tries = 300)
    void randomBytesDecodeOrFailWithCodecException(@ForAll byte[] bytes) {
        for (Codec codec : List.of(cbor, pickle)) {
            try {
                codec.decode(bytes, 0, bytes.length);
            } catch (CodecException e) {
                assertThat(e.payload()).isEqualTo(bytes);
            }
        }
    }

    @Property(tries = 100)
    void keysEqualInPythonAreRefusedByBoth(@ForAll @IntRange(min = -1000, max = 1000) int n) {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(n, "int");
        map.put((long) n, "long");
        assertThatThrownBy(() -> cbor.encode(map)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> pickle.encode(map)).isInstanceOf(CodecException.class);
        Map<Object, Object> floats = new LinkedHashMap<>();
        floats.put(n, "int");
        floats.put((double) n, "float");
        assertThatThrownBy(() -> pickle.encode(floats)).isInstanceOf(CodecException.class);
    }

    @Provide
    Arbitrary<String> validText() {
        return Arbitraries.strings().all().ofMaxLength(12).filter(s -> Text.loneSurrogate(s) < 0);
    }

    @Provide
    Arbitrary<Object> cborItems() {
        return Arbitraries.recursive(() -> leaves(validText()), this::cborContainers, 0, 3);
    }

    @Provide
    Arbitrary<Object> pickleItems() {
        return Arbitraries.recursive(() -> leaves(Arbitraries.strings().all().ofMaxLength(12)),
                this::pickleContainers, 0, 3);
    }

    private Arbitrary<Object> leaves(Arbitrary<String> text) {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.shorts(),
                Arbitraries.bigIntegers().between(BigInteger.ONE.shiftLeft(130).negate(), BigInteger.ONE.shiftLeft(130)),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(-0.0)
                        .withSpecialValue(Double.POSITIVE_INFINITY).withSpecialValue(Double.NEGATIVE_INFINITY),
                Arbitraries.floats(),
                Arbitraries.bigDecimals().ofScale(7).between(new BigDecimal("-1e20"), new BigDecimal("1e20")),
                text,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40)));
    }

    private Arbitrary<Object> keys() {
        return Arbitraries.oneOf(List.of(Arbitraries.integers(), validText(),
                Arbitraries.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE)));
    }

    private Arbitrary<Object> cborContainers(Arbitrary<Object> inner) {
        return Arbitraries.oneOf(List.of(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                inner.array(Object[].class).ofMaxSize(4).map(a -> (Object) a),
                Arbitraries.integers().between(-50, 50).set().ofMaxSize(4).map(s -> (Object) new LinkedHashSet<>(s)),
                Arbitraries.maps(keys(), inner).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m)),
                Combinators.combine(inner, inner).as((l, r) -> (Object) new Pair(l, r))));
    }

    private Arbitrary<Object> pickleContainers(Arbitrary<Object> inner) {
        return Arbitraries.oneOf(List.of(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                inner.array(Object[].class).ofMaxSize(4).map(a -> (Object) a),
                validText().set().ofMaxSize(4).map(s -> (Object) new LinkedHashSet<>(s)),
                Arbitraries.maps(keys(), inner).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<>(m)),
                Combinators.combine(inner, inner).as((l, r) -> (Object) new Pair(l, r))));
    }
}
