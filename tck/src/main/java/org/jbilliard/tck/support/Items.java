package org.jbilliard.tck.support;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated queue items and how to compare and describe them.
 *
 * <p>Fast-path types are those every codec is expected to handle specially: {@code null},
 * {@link Boolean}, {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link Float},
 * {@link Double}, {@link Character}, {@link BigInteger}, {@link String} (any valid Unicode, including
 * supplementary characters), {@code byte[]} and {@link ByteBuffer}.
 *
 * <p>Stateless; thread-safe.
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
        // NOTE: asGeneric() rather than map(x -> (Object) x): a casting lambda breaks jqwik's shrinking
        // across the alternatives of oneOf (ClassCastException while shrinking a failure).
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(null),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).asGeneric(),
                Arbitraries.bytes().asGeneric(),
                Arbitraries.shorts().asGeneric(),
                Arbitraries.integers().asGeneric(),
                Arbitraries.longs().asGeneric(),
                Arbitraries.oneOf(Arbitraries.floats(),
                        Arbitraries.of(Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE))
                        .asGeneric(),
                Arbitraries.oneOf(Arbitraries.doubles(),
                        Arbitraries.of(Double.NaN, -0.0d, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE))
                        .asGeneric(),
                Arbitraries.chars().filter(c -> !Character.isSurrogate(c)).asGeneric(),
                Arbitraries.bigIntegers().asGeneric(),
                unicodeStrings().asGeneric(),
                byteArrays().asGeneric(),
                byteArrays().map(ByteBuffer::wrap).asGeneric()));
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
        Arbitrary<Object> leaves = Arbitraries.oneOf(Arbitraries.integers().asGeneric(), unicodeStrings(8).asGeneric(),
                nodes().asGeneric());
        return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(ArrayList::new).asGeneric(),
                Arbitraries.maps(unicodeStrings(6), inner).ofMaxSize(3).map(HashMap::new).asGeneric()), 0, 3);
    }

    private static Arbitrary<TckNode> nodes() {
        return Arbitraries.recursive(() -> unicodeStrings(8).map(name -> new TckNode(name, 0, List.of())),
                inner -> Combinators.combine(inner.list().ofMaxSize(3), Arbitraries.longs())
                        .as((children, weight) -> new TckNode("n" + children.size(), weight, children)), 0, 2);
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
