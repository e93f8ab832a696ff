package org.jbilliard.codecs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects map keys that are different in Java but one key in Python, where {@code 1 == 1.0 == True}
 * and {@code Integer 1} and {@code Long 1} are the same {@code int}. Such a map would silently lose
 * entries on the Python side (or on a Java decode), so encoding refuses it.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class PythonKeys {

    private PythonKeys() {
    }

    /**
     * Refuses a map two of whose keys are equal in Python.
     *
     * @param map the map being encoded
     * @throws Refusal naming the two keys
     */
    static void checkDistinct(Map<?, ?> map) {
        Map<Object, Object> seen = new java.util.HashMap<>(map.size() * 2);
        for (Object key : map.keySet()) {
            Object previous = seen.put(normalise(key), key);
            if (previous != null) {
                throw new Refusal("a map whose keys " + describe(previous) + " and " + describe(key)
                        + " are one key in Python (equal numbers are equal keys there, and True == 1)", true);
            }
        }
    }

    /**
     * Refuses a set two of whose elements are equal in Python (the set would shrink there).
     *
     * @param set the set being encoded
     * @throws Refusal naming the two elements
     */
    static void checkDistinct(Set<?> set) {
        Set<Object> seen = new HashSet<>(set.size() * 2);
        for (Object element : set) {
            if (!seen.add(normalise(element))) {
                throw new Refusal("a set with elements that are one element in Python (equal numbers are equal"
                        + " there, and True == 1), e.g. " + describe(element), true);
            }
        }
    }

    private static String describe(Object key) {
        return key == null ? "null" : key.getClass().getSimpleName() + " " + key;
    }

    /** Maps a key to a Java value that is equal exactly when the Python values are equal. */
    static Object normalise(Object key) {
        if (key instanceof Boolean) {
            return ((Boolean) key) ? BigInteger.ONE : BigInteger.ZERO;
        }
        if (key instanceof Byte || key instanceof Short || key instanceof Integer || key instanceof Long) {
            return BigInteger.valueOf(((Number) key).longValue());
        }
        if (key instanceof BigInteger) {
            return key;
        }
        if (key instanceof Float || key instanceof Double) {
            double d = ((Number) key).doubleValue();
            if (Double.isNaN(d)) {
                // NaN is not equal to itself in Python either: every NaN key is its own key.
                return new Object();
            }
            if (Double.isInfinite(d)) {
                return d;
            }
            return number(new BigDecimal(d));
        }
        if (key instanceof BigDecimal) {
            return number((BigDecimal) key);
        }
        if (key instanceof Character) {
            return key.toString();
        }
        if (key instanceof byte[]) {
            return ByteBuffer.wrap((byte[]) key);
        }
        if (key instanceof Object[]) {
            List<Object> tuple = new ArrayList<>();
            for (Object element : (Object[]) key) {
                tuple.add(normalise(element));
            }
            return tuple;
        }
        return key;
    }

    private static Object number(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact() : stripped;
    }
}
