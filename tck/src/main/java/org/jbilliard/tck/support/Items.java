package org.jbilliard.tck.support;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generated queue items and how to compare and describe them.
 *
 * <p>Fast-path types are those every codec is expected to handle specially: {@code null},
 * {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link Float},
 * {@link Double}, {@link Character}, {@link BigInteger}, {@link String} (any valid Unicode, including
 * supplementary characters), {@code byte[]} and {@link ByteBuffer}.
 */
public final class Items {

    private Items() {
    }

    /**
     * Returns items of every fast-path type, with edge values (NaN, -0.0, infinities, extremes, empty).
     *
     * @return the arbitrary
     */
    public static Arbitrary<Object> fastPath() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(null),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE),
                Arbitraries.bytes().map(b -> (Object) b),
                Arbitraries.shorts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.oneOf(Arbitraries.floats(),
                        Arbitraries.of(Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE))
                        .map(f -> (Object) f),
                Arbitraries.oneOf(Arbitraries.doubles(),
                        Arbitraries.of(Double.NaN, -0.0d, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE))
                        .map(d -> (Object) d),
                Arbitraries.chars().filter(c -> !Character.isSurrogate(c)).map(c -> (Object) c),
                Arbitraries.bigIntegers().map(b -> (Object) b),
                unicodeStrings().map(s -> (Object) s),
                byteArrays().map(b -> (Object) b),
                byteArrays().map(b -> (Object) ByteBuffer.wrap(b))));
    }

    /**
     * Returns strings of valid Unicode code points (no lone surrogates), from empty to 40 code points,
     * mixing ASCII, BMP and supplementary characters.
     *
     * @return the arbitrary
     */
    public static Arbitrary<String> unicodeStrings() {
        return unicodeStrings(40);
    }

    /**
     * Returns strings of valid Unicode code points, from empty to {@code maxCodePoints} code points.
     *
     * @param maxCodePoints the longest string, in code points
     * @return the arbitrary
     */
    public static Arbitrary<String> unicodeStrings(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7e),
                Arbitraries.integers().between(0, 0xffff).filter(cp -> !Character.isSurrogate((char) cp.intValue())),
                Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT));
        return codePoint.list().ofMaxSize(maxCodePoints).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /**
     * Returns byte arrays from empty to 2 KiB.
     *
     * @return the arbitrary
     */
    public static Arbitrary<byte[]> byteArrays() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    /**
     * Returns serializable object graphs: nested lists, maps and {@link TckNode}s.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Object> graphs() {
        return Arbitraries.lazyOf(
                () -> Arbitraries.integers().map(i -> (Object) i),
                () -> unicodeStrings(8).map(s -> (Object) s),
                () -> Arbitraries.lazy(Items::graphs).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                () -> Arbitraries.maps(unicodeStrings(6), Arbitraries.lazy(Items::graphs)).ofMaxSize(3)
                        .map(m -> (Object) new HashMap<>(m)),
                () -> nodes().map(n -> (Object) n));
    }

    private static Arbitrary<TckNode> nodes() {
        return Arbitraries.lazyOf(
                () -> unicodeStrings(8).map(name -> new TckNode(name, 0, List.of())),
                () -> Arbitraries.lazy(Items::nodes).list().ofMaxSize(3)
                        .flatMap(children -> Arbitraries.longs().map(w -> new TckNode("n" + children.size(), w,
                                children))));
    }

    /**
     * Compares a sent item with a received one: arrays by content, buffers by remaining content, and
     * everything else with {@code equals} (which distinguishes NaN bit patterns only by value, as
     * {@link Double#equals} does).
     *
     * @param expected what was put
     * @param actual   what was got
     * @return whether they are equivalent
     */
    public static boolean equivalent(Object expected, Object actual) {
        if (expected instanceof byte[] && actual instanceof byte[]) {
            return Arrays.equals((byte[]) expected, (byte[]) actual);
        }
        if (expected instanceof ByteBuffer && actual instanceof ByteBuffer) {
            return ((ByteBuffer) expected).duplicate().equals(((ByteBuffer) actual).duplicate());
        }
        return expected == null ? actual == null : expected.equals(actual);
    }

    /**
     * Describes an item with its type, shortening long values.
     *
     * @param item the item
     * @return e.g. {@code "Integer 42"} or {@code "byte[3] 01 02 03"}
     */
    public static String describe(Object item) {
        if (item == null) {
            return "null";
        }
        String text;
        if (item instanceof byte[]) {
            byte[] bytes = (byte[]) item;
            text = "byte[" + bytes.length + "] " + hex(bytes);
        } else if (item instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) item).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            text = "ByteBuffer[" + bytes.length + "] " + hex(bytes);
        } else {
            text = item.getClass().getSimpleName() + " " + item;
        }
        return text.length() > 160 ? text.substring(0, 157) + "..." : text;
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 24); i++) {
            text.append(String.format("%02x", bytes[i] & 0xff));
        }
        return bytes.length > 24 ? text + "…" : text.toString();
    }

    /**
     * Returns a map view used to build a mutable list for snapshot tests.
     *
     * @param values the values
     * @return a new mutable list
     */
    public static List<Integer> mutableList(Integer... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /**
     * Creates a self-checking byte array: its content is a function of its length and seed, so a torn or
     * spliced item is detected by {@link #isIntact(byte[])}.
     *
     * @param seed   a number identifying the item
     * @param length total length, at least 12
     * @return the item
     */
    public static byte[] selfChecking(int seed, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(12, length));
        buffer.putInt(buffer.capacity()).putInt(seed);
        while (buffer.remaining() > 4) {
            buffer.put((byte) (seed * 31 + buffer.position()));
        }
        int sum = 0;
        byte[] array = buffer.array();
        for (int i = 0; i < array.length - 4; i++) {
            sum = sum * 31 + array[i];
        }
        buffer.putInt(sum);
        return array;
    }

    /**
     * Checks an item made by {@link #selfChecking(int, int)}.
     *
     * @param item the item
     * @return whether it is whole and unaltered
     */
    public static boolean isIntact(byte[] item) {
        if (item == null || item.length < 12) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(item);
        if (buffer.getInt() != item.length) {
            return false;
        }
        return Arrays.equals(selfChecking(buffer.getInt(), item.length), item);
    }
}
