package org.jbilliard.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;
import org.junit.jupiter.api.Test;

class CborCodecTest {

    private final CborCodec codec = new CborCodec();

    record Point(int x, String label, List<Double> weights) {
    }

    private Object roundTrip(Object item) {
        byte[] bytes = codec.encode(item);
        // Decode from the middle of a larger buffer: offsets must be honoured.
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        return codec.decode(padded, 3, bytes.length);
    }

    private void assertRoundTrip(Object item) {
        Object back = roundTrip(item);
        Object expected = Values.expected(item, Values.Table.CBOR);
        assertThat(Values.same(back, expected)).as("%s came back as %s", Values.show(item), Values.show(back)).isTrue();
    }

    @Test
    void idIsCborAndInstancesAreEqualAndSerializable() throws Exception {
        assertThat(codec.id()).isEqualTo("cbor");
        assertThat(codec).isEqualTo(new CborCodec()).hasSameHashCodeAs(new CborCodec());
        assertThat(codec).isNotEqualTo(new PickleCodec());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(codec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(buffer.toByteArray()))) {
            Codec copy = (Codec) in.readObject();
            assertThat(copy).isEqualTo(codec);
            assertThat(copy.decode(codec.encode("x"), 0, 2)).isEqualTo("x");
        }
    }

    @Test
    void scalarsRoundTripByValue() {
        for (Object item : new Object[] {null, true, false, 0, -1, 23, 24, Integer.MAX_VALUE, Integer.MIN_VALUE,
                (byte) -5, (short) 300, 5L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40,
                BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(64), BigInteger.ONE.shiftLeft(64).negate(),
                BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.ONE), BigInteger.TEN.pow(100).negate(),
                BigInteger.valueOf(7), 0.0, -0.0, 1.5, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.25f, Float.NaN,
                new BigDecimal("3.14159265358979323846264338327950288419716939937510"), new BigDecimal("-1E+30"),
                new BigDecimal("0.000"), "", "héllo wörld", "emoji \uD83D\uDE00 pair", 'c'}) {
            assertRoundTrip(item);
        }
    }

    @Test
    void integersComeBackAsTheNarrowestType() {
        assertThat(roundTrip(5L)).isInstanceOf(Integer.class).isEqualTo(5);
        assertThat(roundTrip(1L << 40)).isInstanceOf(Long.class);
        assertThat(roundTrip(BigInteger.ONE.shiftLeft(63))).isInstanceOf(BigInteger.class);
        assertThat(roundTrip(BigInteger.valueOf(-3))).isEqualTo(-3);
        assertThat(roundTrip(1.5f)).isEqualTo(1.5d);
    }

    @Test
    void nanPayloadAndNegativeZeroSurviveBetweenJavaPeers() {
        double odd = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(odd))).isEqualTo(0x7ff8_0000_0000_1234L);
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(-0.0))).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void bigIntegersUseTheStandardBignumEncoding() {
        // RFC 8949 3.4.3: tag 3 carries -1 - n; cbor2 writes -2^64 - 1 exactly like this.
        assertThat(HexFormat.of().formatHex(codec.encode(BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.ONE))))
                .isEqualTo("c349010000000000000000");
        assertThat(HexFormat.of().formatHex(codec.encode(BigInteger.ONE.shiftLeft(64)))).isEqualTo("c249010000000000000000");
        assertThat(codec.decode(HexFormat.of().parseHex("3bffffffffffffffff"), 0, 9))
                .isEqualTo(BigInteger.ONE.shiftLeft(64).negate());
    }

    @Test
    void bytesAndContainersRoundTrip() {
        assertRoundTrip(new byte[0]);
        assertRoundTrip(new byte[] {0, -1, 127});
        assertRoundTrip(ByteBuffer.wrap(new byte[] {9, 8, 7}, 1, 2));
        assertRoundTrip(List.of());
        assertRoundTrip(List.of(1, "two", List.of(3.0)));
        assertRoundTrip(new Object[] {1, null, "x"});
        assertRoundTrip(new int[] {1, 2, 3});
        assertRoundTrip(new double[] {1.5});
        assertRoundTrip(new java.util.ArrayDeque<>(List.of(4, 5)));
        assertRoundTrip(new LinkedHashSet<>(List.of(3, 1, 2)));
        assertRoundTrip(Set.of());
        assertRoundTrip(new Point(3, "p", List.of(0.5, 2.0)));
    }

    @Test
    void mapsKeepOrderAndIntegerKeys() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put(7, "seven");
        map.put(-3L, List.of());
        map.put(Long.MIN_VALUE, Long.MAX_VALUE);
        map.put("7", "a string key, not 7");
        map.put("", null);
        Object back = roundTrip(map);
        assertThat(back).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet()))
                .containsExactly("z", 7, -3, Long.MIN_VALUE, "7", "");
        assertRoundTrip(map);
        assertRoundTrip(new TreeMap<>(Map.of("b", 2, "a", 1)));
        assertRoundTrip(Map.of());
    }

    @Test
    void aRecordBecomesAMapInDeclarationOrder() {
        Object back = roundTrip(new Point(1, "a", List.of()));
        assertThat(back).isEqualTo(new LinkedHashMap<>(Map.of("x", 1, "label", "a", "weights", List.of())));
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("x", "label", "weights");
    }

    @Test
    void refusesTypesOutsideTheTableNamingTypeAndPlace() {
        assertThatThrownBy(() -> codec.encode(new Object()))
                .isInstanceOf(CodecException.class).hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> codec.encode(Map.of("k", List.of(1, Optional.of(2)))))
                .isInstanceOf(CodecException.class).hasMessageContaining("(at item['k'][1])")
                .hasMessageContaining("java.util.Optional");
        assertThatThrownBy(() -> codec.encode(Thread.State.NEW))
                .isInstanceOf(CodecException.class).hasMessageContaining("Thread$State");
        assertThatThrownBy(() -> codec.encode(new char[] {'a'})).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.encode(java.time.Instant.EPOCH)).isInstanceOf(CodecException.class);
    }

    @Test
    void refusesLoneSurrogatesInValuesAndKeys() {
        for (String text : new String[] {"\uD800", "a\uDC00", "x\uD83D", "\uDE00\uD83D"}) {
            assertThatThrownBy(() -> codec.encode(text)).isInstanceOf(CodecException.class)
                    .hasMessageContaining("lone surrogate");
            assertThatThrownBy(() -> codec.encode(Map.of(text, 1))).isInstanceOf(CodecException.class)
                    .hasMessageContaining("lone surrogate");
        }
        assertThatThrownBy(() -> codec.encode('\uD800')).isInstanceOf(CodecException.class);
    }

    @Test
    void refusesMapKeysCborCannotCarryOrPythonWouldMerge() {
        for (Object key : new Object[] {true, 1.5, null, List.of(1), new byte[] {1}, BigInteger.ONE.shiftLeft(64)}) {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put(key, "v");
            assertThatThrownBy(() -> codec.encode(map)).as("key %s", Values.show(key))
                    .isInstanceOf(CodecException.class).hasMessageContaining("map key");
        }
        Map<Object, Object> merged = new LinkedHashMap<>();
        merged.put(1, "int");
        merged.put(1L, "long");
        assertThatThrownBy(() -> codec.encode(merged)).isInstanceOf(CodecException.class)
                .hasMessageContaining("one key in Python");
        Set<Object> set = new LinkedHashSet<>(List.of(2, 2L));
        assertThatThrownBy(() -> codec.encode(set)).isInstanceOf(CodecException.class)
                .hasMessageContaining("one element in Python");
    }

    @Test
    void nestingUpTo250LevelsIsFineDeeperAndCyclesAreRefused() {
        assertRoundTrip(nested(250));
        assertThatThrownBy(() -> codec.encode(nested(251))).isInstanceOf(CodecException.class)
                .hasMessageContaining("deeper than 250");
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> codec.encode(cycle)).isInstanceOf(CodecException.class)
                .hasMessageContaining("deeper than 250");
        // The same depth arriving from elsewhere is refused at decode, payload kept.
        byte[] deep = new byte[252];
        java.util.Arrays.fill(deep, 0, 251, (byte) 0x81);
        deep[251] = 0x00;
        assertThatThrownBy(() -> codec.decode(deep, 0, deep.length)).isInstanceOf(CodecException.class)
                .satisfies(e -> assertThat(((CodecException) e).payload()).isEqualTo(deep));
    }

    static Object nested(int levels) {
        Object item = 0;
        for (int i = 0; i < levels; i++) {
            item = List.of(item);
        }
        return item;
    }

    @Test
    void refusesBytesOutsideTheTableWithThePayload() {
        String[] bad = {
            "",                 // nothing
            "0102",             // two items
            "c11a5f5e1000",     // tag 1 (epoch date): not in the table
            "d8258568656c6c6f", // tag 37 on an array
            "a1f501",           // map with a boolean key
            "a1820102f5",       // map with an array key
            "a2616101616102",   // duplicate key "a"
            "63eda080",         // text holding an encoded surrogate
            "62c328",           // invalid UTF-8
            "5a7fffffff00",     // byte string announcing 2 GiB
            "f0",               // simple value 16
            "9f01",             // indefinite array without its break
        };
        for (String hex : bad) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThatThrownBy(() -> codec.decode(bytes, 0, bytes.length)).as(hex)
                    .isInstanceOf(CodecException.class)
                    .satisfies(e -> assertThat(((CodecException) e).payload()).isEqualTo(bytes));
        }
        assertThat(codec.decode(HexFormat.of().parseHex("f7"), 0, 1)).as("undefined").isNull();
        assertThat(codec.decode(HexFormat.of().parseHex("9f0102ff"), 0, 4)).as("indefinite array").isEqualTo(List.of(1, 2));
        assertThatThrownBy(() -> codec.decode(new byte[2], 1, 5)).isInstanceOf(CodecException.class);
    }

    @Test
    void readsWhatCbor2Writes() {
        // Bytes written by Python's cbor2 5.4.6 (dumps of the value in the comment).
        assertThat(codec.decode(HexFormat.of().parseHex("f97e00"), 0, 3)).isEqualTo(Double.NaN);        // nan
        assertThat(codec.decode(HexFormat.of().parseHex("f97c00"), 0, 3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(codec.decode(HexFormat.of().parseHex("c48221186e"), 0, 5)).isEqualTo(new BigDecimal("1.10"));
        assertThat(codec.decode(HexFormat.of().parseHex("d90102820102"), 0, 6)).isEqualTo(Set.of(1, 2)); // {1, 2}
    }
}
