package org.jbilliard.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.jbilliard.CodecException;
import org.junit.jupiter.api.Test;

class PickleCodecTest {

    private final PickleCodec codec = new PickleCodec();

    record Point(int x, String label) {
    }

    private Object roundTrip(Object item) {
        byte[] bytes = codec.encode(item);
        byte[] padded = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, padded, 2, bytes.length);
        return codec.decode(padded, 2, bytes.length);
    }

    private void assertRoundTrip(Object item) {
        Object back = roundTrip(item);
        Object expected = Values.expected(item, Values.Table.PICKLE);
        assertThat(Values.same(back, expected)).as("%s came back as %s", Values.show(item), Values.show(back)).isTrue();
    }

    @Test
    void idIsPickle() {
        assertThat(codec.id()).isEqualTo("pickle");
        assertThat(codec).isEqualTo(new PickleCodec()).isNotEqualTo(new CborCodec());
    }

    @Test
    void tableRoundTrips() {
        for (Object item : new Object[] {null, true, false, 0, -1, 255, 256, 65536, Integer.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE, BigInteger.ONE.shiftLeft(64), BigInteger.TEN.pow(80).negate(), (short) 3, (byte) -1,
                0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, 2.5f, new BigDecimal("-12.500"), "", "héllo",
                "\uD83D\uDE00", 'q', "lone \uD800 high", "\uDC00 lone low", new byte[] {1, 2, 3}, new byte[300],
                ByteBuffer.wrap(new byte[] {5, 6}), List.of(1, "x"), new Object[] {1, "t"}, new Object[0],
                new long[] {1, 2}, new LinkedHashSet<>(List.of("a", "b")), new Point(2, "two")}) {
            assertRoundTrip(item);
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put(2, "two");
        map.put(new Object[] {1, "t"}, null);
        map.put(1.5, List.of());
        map.put(null, "none");
        Object back = roundTrip(map);
        assertThat(back).isInstanceOf(LinkedHashMap.class);
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).hasSize(5).startsWith("z", 2);
    }

    @Test
    void bytesArePythonBytesNotBytearray() {
        // SHORT_BINBYTES, as Python 3 writes b'\x01' itself.
        assertThat(HexFormat.of().formatHex(codec.encode(new byte[] {1}))).isEqualTo("80024301012e");
    }

    @Test
    void loneSurrogatesAreWrittenAsPicklesSurrogatePass() {
        // Python's pickle.dumps('a\ud800', 2) is 8002 5804000000 61eda080 7100 2e: the same BINUNICODE, plus a memo entry.
        assertThat(HexFormat.of().formatHex(codec.encode("a\uD800"))).isEqualTo("8002580400000061eda0802e");
    }

    @Test
    void readsPythonPicklesInOrderWithoutRunningCode() {
        // pickle.dumps({'b': 1, 'a': 2}, protocol=4)
        byte[] pickled = HexFormat.of().parseHex("80049511000000000000007d94288c0162944b018c0161944b02752e");
        Object dict = codec.decode(pickled, 0, pickled.length);
        assertThat(new ArrayList<Object>(((Map<?, ?>) dict).keySet())).containsExactly("b", "a");
        // A pickle that calls os.system('touch ') in Python: here it only fails to build a ClassDict.
        byte[] evil = HexFormat.of().parseHex("8002636f730a73797374656d0a71005806000000746f756368207100855271012e");
        assertThatThrownBy(() -> codec.decode(evil, 0, evil.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("os.system");
    }

    @Test
    void refusesWhatPythonCouldNotLoadOrWouldMerge() {
        assertThatThrownBy(() -> codec.encode(new Object())).isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> codec.encode(List.of(Optional.empty()))).isInstanceOf(CodecException.class)
                .hasMessageContaining("(at item[0])");
        assertThatThrownBy(() -> codec.encode(Map.of(List.of(1), 1))).isInstanceOf(CodecException.class)
                .hasMessageContaining("hashable");
        assertThatThrownBy(() -> codec.encode(Set.of(Map.of()))).isInstanceOf(CodecException.class)
                .hasMessageContaining("hashable");
        Map<Object, Object> merged = new LinkedHashMap<>();
        merged.put(1, "a");
        merged.put(1.0, "b");
        assertThatThrownBy(() -> codec.encode(merged)).isInstanceOf(CodecException.class)
                .hasMessageContaining("one key in Python");
        assertThatThrownBy(() -> codec.encode(CborCodecTest.nested(251))).isInstanceOf(CodecException.class)
                .hasMessageContaining("deeper than 250");
        assertRoundTrip(CborCodecTest.nested(250));
    }

    @Test
    void refusesCorruptPicklesWithThePayload() {
        for (String hex : new String[] {"", "80", "8002", "80024b", "8002427fffffff2e", "80025800000010612e",
                "ff"}) {
            byte[] bytes = HexFormat.of().parseHex(hex);
            assertThatThrownBy(() -> codec.decode(bytes, 0, bytes.length)).as(hex).isInstanceOf(CodecException.class)
                    .satisfies(e -> assertThat(((CodecException) e).payload()).isEqualTo(bytes));
        }
    }
}
