package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cross-language value mapping: scenario JSON to Java items, observed Java items back to JSON,
 * and the projections scenarios compare. The Python runner implements the same table.
 *
 * <table class="striped">
 * <caption>Scenario JSON, Python and Java</caption>
 * <thead><tr><th>JSON</th><th>Python item</th><th>Java item</th></tr></thead>
 * <tbody>
 * <tr><td>integer</td><td>{@code int}</td><td>{@link Integer} if it fits, else {@link Long}</td></tr>
 * <tr><td>number with fraction/exponent</td><td>{@code float}</td><td>{@link Double}</td></tr>
 * <tr><td>string</td><td>{@code str}</td><td>{@link String}</td></tr>
 * <tr><td>true/false</td><td>{@code bool}</td><td>{@link Boolean}</td></tr>
 * <tr><td>null</td><td>{@code None}</td><td>{@code null}</td></tr>
 * <tr><td>array</td><td>{@code list} (a tuple reads back as a list)</td><td>{@link ArrayList}</td></tr>
 * <tr><td>object</td><td>{@code dict} with {@code str} keys</td><td>{@link LinkedHashMap}</td></tr>
 * <tr><td>{@code {"$bytes": base64}}</td><td>{@code bytes}</td><td>{@code byte[]}</td></tr>
 * <tr><td>{@code {"$size": n}}</td><td>{@code b"x" * n}</td><td>{@code byte[n]} of {@code 'x'}</td></tr>
 * <tr><td>{@code {"$range": n}}</td><td>{@code list(range(n))}</td><td>{@link ArrayList} of 0..n-1</td></tr>
 * <tr><td>{@code {"$var": name}}</td><td colspan="2">the item a {@code put} with {@code "var": name} stored</td></tr>
 * <tr><td>{@code {"$unpicklable": true}}</td><td>an object holding a lock</td><td>a non-serializable object</td></tr>
 * </tbody>
 * </table>
 * Anything else observed reads back as {@code {"$object": typeName}}.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
public final class Values {

    /** An item no codec can encode (BEHAVIOUR row 7); deliberately not serializable. */
    static final class Unserializable {
        @Override
        public String toString() {
            return "Unserializable";
        }
    }

    private Values() {
    }

    /**
     * Builds the Java item a scenario value denotes.
     *
     * @param json      the value
     * @param variables items stored by earlier steps
     * @return the item
     */
    @SuppressWarnings("unchecked")
    public static Object fromJson(Object json, Map<String, Object> variables) {
        if (json instanceof Long l) {
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue() : (Object) l;
        }
        if (json instanceof List<?> list) {
            List<Object> items = new ArrayList<>();
            for (Object o : list) {
                items.add(fromJson(o, variables));
            }
            return items;
        }
        if (json instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (map.containsKey("$bytes")) {
                return Base64.getDecoder().decode((String) map.get("$bytes"));
            }
            if (map.containsKey("$size")) {
                byte[] bytes = new byte[((Number) map.get("$size")).intValue()];
                Arrays.fill(bytes, (byte) 'x');
                return bytes;
            }
            if (map.containsKey("$range")) {
                List<Object> range = new ArrayList<>();
                int n = ((Number) map.get("$range")).intValue();
                for (int i = 0; i < n; i++) {
                    range.add(i);
                }
                return range;
            }
            if (map.containsKey("$var")) {
                String name = (String) map.get("$var");
                if (!variables.containsKey(name)) {
                    throw new IllegalArgumentException("no variable " + name);
                }
                return variables.get(name);
            }
            if (map.containsKey("$unpicklable")) {
                return new Unserializable();
            }
            Map<String, Object> items = new LinkedHashMap<>();
            map.forEach((k, v) -> items.put(k, fromJson(v, variables)));
            return items;
        }
        return json;
    }

    /**
     * Writes an observed Java value in the neutral JSON form.
     *
     * @param value the value
     * @return its JSON form
     */
    public static Object toJson(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Character c) {
            return String.valueOf(c);
        }
        if (value instanceof byte[] bytes) {
            return Map.of("$bytes", Base64.getEncoder().encodeToString(bytes));
        }
        if (value instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            it.forEach(o -> out.add(toJson(o)));
            return out;
        }
        if (value instanceof Object[] array) {
            List<Object> out = new ArrayList<>();
            for (Object o : array) {
                out.add(toJson(o));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toJson(v)));
            return out;
        }
        return Map.of("$object", value.getClass().getSimpleName());
    }

    /**
     * Returns the neutral type name of an observed value (the {@code type} projection).
     *
     * @param value the value
     * @return null, bool, int, float, str, bytes, list, dict or object
     */
    public static String typeName(Object value) {
        Object json = toJson(value);
        if (json == null) {
            return "null";
        }
        if (json instanceof Boolean) {
            return "bool";
        }
        if (json instanceof Long) {
            return "int";
        }
        if (json instanceof Double) {
            return "float";
        }
        if (json instanceof String) {
            return "str";
        }
        if (json instanceof List) {
            return "list";
        }
        Map<?, ?> map = (Map<?, ?>) json;
        if (map.containsKey("$bytes")) {
            return "bytes";
        }
        return map.containsKey("$object") ? "object" : "dict";
    }

    /**
     * Applies a step's {@code project} to an observed value.
     *
     * @param kind  the projection, or {@code null} for the value itself
     * @param value the observed value
     * @return the JSON to record
     * @throws IllegalArgumentException if the projection does not apply to the value
     */
    public static Object project(String kind, Object value) {
        if (kind == null) {
            return toJson(value);
        }
        return switch (kind) {
            case "is_zero" -> number(value) == 0;
            case "positive" -> number(value) > 0;
            case "is_null" -> value == null;
            case "type" -> typeName(value);
            case "length" -> {
                if (value instanceof byte[] b) {
                    yield (long) b.length;
                }
                if (value instanceof String s) {
                    yield (long) s.codePointCount(0, s.length());
                }
                if (value instanceof java.util.Collection<?> c) {
                    yield (long) c.size();
                }
                throw new IllegalArgumentException("length of " + typeName(value));
            }
            case "sorted" -> {
                Object json = toJson(value);
                if (!(json instanceof List<?> list)) {
                    throw new IllegalArgumentException("sorted of " + typeName(value));
                }
                List<Object> sorted = new ArrayList<>(list);
                sorted.sort(Comparator.comparing(Values::canonical));
                yield sorted;
            }
            default -> throw new IllegalArgumentException("unknown projection " + kind);
        };
    }

    private static long number(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("expected a number, found " + typeName(value));
        }
        return n.longValue();
    }

    /**
     * Returns a canonical text of a JSON value: object keys sorted, numbers normalised, so that equal
     * values of the two runners have equal text (used for multisets and comparison).
     *
     * @param json the value
     * @return its canonical text
     */
    public static String canonical(Object json) {
        return Json.write(canonicalValue(json));
    }

    private static Object canonicalValue(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonicalValue(v)));
            return sorted;
        }
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(o -> out.add(canonicalValue(o)));
            return out;
        }
        if (json instanceof Integer || json instanceof Short || json instanceof Byte) {
            return ((Number) json).longValue();
        }
        if (json instanceof Float f) {
            return f.doubleValue();
        }
        return json;
    }
}
