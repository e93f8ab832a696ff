package org.jbilliard.codecs;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an item against {@link PickleCodec}'s type table and copies it into the values that the
 * pickler writes as the table says: {@code byte[]} as Python {@code bytes} (the library would write
 * a {@code bytearray}), strings with lone surrogates as pickle writes them, records as dicts, and
 * every other container as a list, tuple, set or insertion-ordered dict.
 *
 * <p>What is outside the table throws a {@link Refusal}. The library alone would pickle any {@code Serializable} object as a dict of its getters and
 * Python-unhashable keys as they are, which Python then fails to load; refusing here keeps the
 * failure at {@code put}.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class PickleGraph {

    /** Bytes to be written as Python {@code bytes}. */
    record PyBytes(byte[] value) {
    }

    /** A string with lone surrogates, written in pickle's own {@code surrogatepass} UTF-8. */
    record PyText(String value) {
    }

    private PickleGraph() {
    }

    static Object copy(Object item, int depth) {
        if (item == null || item instanceof Boolean || item instanceof Integer || item instanceof Long
                || item instanceof Short || item instanceof Byte || item instanceof BigInteger
                || item instanceof Double || item instanceof Float || item instanceof BigDecimal) {
            return item;
        }
        if (item instanceof String) {
            String text = (String) item;
            return Text.loneSurrogate(text) >= 0 ? new PyText(text) : text;
        }
        if (item instanceof Character) {
            return copy(item.toString(), depth);
        }
        if (item instanceof byte[]) {
            return new PyBytes(((byte[]) item).clone());
        }
        if (item instanceof ByteBuffer) {
            ByteBuffer view = ((ByteBuffer) item).duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return new PyBytes(bytes);
        }
        if (item instanceof Map) {
            int inner = enter(depth);
            // A snapshot of the entries: the map may be changed by another thread meanwhile.
            List<Map.Entry<?, ?>> entries = new ArrayList<>(((Map<?, ?>) item).entrySet());
            Map<Object, Object> keys = new LinkedHashMap<>();
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : entries) {
                Object key = entry.getKey();
                checkHashable(key, "a map key");
                keys.put(key, Boolean.TRUE);
                try {
                    out.put(copy(key, inner), copy(entry.getValue(), inner));
                } catch (Refusal r) {
                    throw r.at("[" + (key instanceof String ? "'" + key + "'" : String.valueOf(key)) + "]");
                }
            }
            PythonKeys.checkDistinct(keys);
            return out;
        }
        if (item instanceof Set) {
            int inner = enter(depth);
            Object[] elements = ((Set<?>) item).toArray();
            Set<Object> distinct = new LinkedHashSet<>();
            Set<Object> out = new LinkedHashSet<>();
            for (Object element : elements) {
                checkHashable(element, "a set element");
                distinct.add(element);
                out.add(copy(element, inner));
            }
            PythonKeys.checkDistinct(distinct);
            return out;
        }
        if (item instanceof Collection) {
            return list(((Collection<?>) item).toArray(), depth);
        }
        if (item instanceof Object[]) {
            Object[] tuple = (Object[]) item;
            int inner = enter(depth);
            Object[] out = new Object[tuple.length];
            for (int i = 0; i < tuple.length; i++) {
                try {
                    out[i] = copy(tuple[i], inner);
                } catch (Refusal r) {
                    throw r.at("[" + i + "]");
                }
            }
            return out;
        }
        if (item.getClass().isArray() && item.getClass().getComponentType().isPrimitive()
                && item.getClass() != char[].class) {
            Object[] boxed = new Object[Array.getLength(item)];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = Array.get(item, i);
            }
            return list(boxed, depth);
        }
        if (item instanceof Record) {
            int inner = enter(depth);
            Map<Object, Object> out = new LinkedHashMap<>();
            for (RecordComponent component : item.getClass().getRecordComponents()) {
                Object value;
                try {
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    value = accessor.invoke(item);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new Refusal("component " + component.getName() + " of record " + item.getClass().getName()
                            + ", which cannot be read: " + e, true, e);
                }
                try {
                    out.put(component.getName(), copy(value, inner));
                } catch (Refusal r) {
                    throw r.at("." + component.getName());
                }
            }
            return out;
        }
        throw new Refusal("an item of type " + item.getClass().getName() + ": it pickles null, booleans, integers,"
                + " floats, BigDecimal, strings, byte[], lists, arrays (as tuples), sets, maps and records (see the"
                + " codecs package documentation)", true);
    }

    private static List<Object> list(Object[] elements, int depth) {
        int inner = enter(depth);
        List<Object> out = new ArrayList<>(elements.length);
        for (int i = 0; i < elements.length; i++) {
            try {
                out.add(copy(elements[i], inner));
            } catch (Refusal r) {
                throw r.at("[" + i + "]");
            }
        }
        return out;
    }

    /** Python refuses unhashable dict keys and set elements when it loads the pickle; refuse them now. */
    private static void checkHashable(Object key, String what) {
        if (key instanceof Object[]) {
            for (Object element : (Object[]) key) {
                checkHashable(element, what);
            }
            return;
        }
        if (key instanceof Collection || key instanceof Map || key instanceof Record
                || key != null && key.getClass().isArray() && key.getClass() != byte[].class) {
            throw new Refusal(what + " of type " + key.getClass().getName() + ": Python's dict keys and set"
                    + " elements must be hashable (use an Object[], which becomes a tuple)", true);
        }
    }

    private static int enter(int depth) {
        if (depth >= Limits.MAX_DEPTH) {
            throw new Refusal("an item nested deeper than " + Limits.MAX_DEPTH
                    + " levels (a list or map that contains itself?)", false);
        }
        return depth + 1;
    }
}
