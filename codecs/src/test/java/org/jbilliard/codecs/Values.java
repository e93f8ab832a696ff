package org.jbilliard.codecs;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the type table says a value decodes to, and a comparison that checks Java types exactly
 * (an Integer is not a Long), byte arrays by content, map order, and doubles by bits.
 */
final class Values {

    /** Which codec's table: they differ only in what an Object[] and a Set become. */
    enum Table { CBOR, PICKLE }

    private Values() {
    }

    /** The value the codec's decode must return for {@code item}. */
    static Object expected(Object item, Table table) {
        if (item == null || item instanceof Boolean || item instanceof String || item instanceof Double
                || item instanceof java.math.BigDecimal) {
            return item;
        }
        if (item instanceof Byte || item instanceof Short || item instanceof Integer || item instanceof Long) {
            return Numbers.narrow(((Number) item).longValue());
        }
        if (item instanceof BigInteger) {
            return Numbers.narrow((BigInteger) item);
        }
        if (item instanceof Float) {
            return ((Float) item).doubleValue();
        }
        if (item instanceof Character) {
            return item.toString();
        }
        if (item instanceof byte[]) {
            return item;
        }
        if (item instanceof ByteBuffer) {
            ByteBuffer view = ((ByteBuffer) item).duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return bytes;
        }
        if (item instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            ((Map<?, ?>) item).forEach((k, v) -> out.put(expected(k, table), expected(v, table)));
            return out;
        }
        if (item instanceof Set) {
            Set<Object> out = new LinkedHashSet<>();
            ((Set<?>) item).forEach(e -> out.add(expected(e, table)));
            return out;
        }
        if (item instanceof Collection) {
            List<Object> out = new ArrayList<>();
            ((Collection<?>) item).forEach(e -> out.add(expected(e, table)));
            return out;
        }
        if (item instanceof Object[]) {
            Object[] array = (Object[]) item;
            if (table == Table.PICKLE) {
                Object[] out = new Object[array.length];
                for (int i = 0; i < array.length; i++) {
                    out[i] = expected(array[i], table);
                }
                return out;
            }
            return expected(Arrays.asList(array), table);
        }
        if (item.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(item); i++) {
                out.add(expected(Array.get(item, i), table));
            }
            return out;
        }
        if (item instanceof Record) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (RecordComponent component : item.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    out.put(component.getName(), expected(component.getAccessor().invoke(item), table));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }
        throw new IllegalArgumentException("not in the table: " + item.getClass());
    }

    /** Exact comparison: same Java types, same contents, same map order, doubles by bits. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof Object[] && b instanceof Object[]) {
            Object[] x = (Object[]) a;
            Object[] y = (Object[]) b;
            if (x.length != y.length) {
                return false;
            }
            for (int i = 0; i < x.length; i++) {
                if (!same(x[i], y[i])) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                if (!same(e.getKey(), f.getKey()) || !same(e.getValue(), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Set && b instanceof Set) {
            Set<?> x = (Set<?>) a;
            Set<?> y = (Set<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            outer:
            for (Object e : x) {
                for (Object f : y) {
                    if (same(e, f)) {
                        continue outer;
                    }
                }
                return false;
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    /** A readable form for assertion messages (arrays by content). */
    static String show(Object value) {
        if (value instanceof byte[]) {
            return "byte[]" + Arrays.toString((byte[]) value);
        }
        if (value instanceof Object[]) {
            StringBuilder out = new StringBuilder("Object[](");
            for (Object e : (Object[]) value) {
                out.append(show(e)).append(", ");
            }
            return out.append(')').toString();
        }
        if (value instanceof Map) {
            StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('{');
            ((Map<?, ?>) value).forEach((k, v) -> out.append(show(k)).append('=').append(show(v)).append(", "));
            return out.append('}').toString();
        }
        if (value instanceof Collection) {
            StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('[');
            ((Collection<?>) value).forEach(e -> out.append(show(e)).append(", "));
            return out.append(']').toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
