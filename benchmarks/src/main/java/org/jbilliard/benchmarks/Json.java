package org.jbilliard.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * A minimal JSON serializer for the report: maps (in iteration order), lists, strings, numbers,
 * booleans and {@code null}, pretty-printed with two-space indentation.
 *
 * <p>Stateless; thread-safe.
 */
public final class Json {

    private Json() {
    }

    /**
     * Serializes a value.
     *
     * @param value a {@link Map} with string keys, {@link List}, {@link CharSequence}, {@link Number},
     *              {@link Boolean} or {@code null}, nested freely
     * @return the JSON text
     * @throws IllegalArgumentException for any other type, a non-string key, or a non-finite number
     *                                  (JSON has no NaN)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            quote(text, out);
        } else if (value instanceof Boolean flag) {
            out.append(flag);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (!Double.isFinite(number)) {
                throw new IllegalArgumentException("JSON cannot hold " + number);
            }
            out.append(number == Math.rint(number) && Math.abs(number) < 1e15
                    ? String.valueOf((long) number) : String.valueOf(number));
        } else if (value instanceof Number number) {
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out, depth);
        } else if (value instanceof List<?> list) {
            writeList(list, out, depth);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        String separator = "\n";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + entry.getKey());
            }
            out.append(separator).append("  ".repeat(depth + 1));
            quote(key, out);
            out.append(": ");
            write(entry.getValue(), out, depth + 1);
            separator = ",\n";
        }
        out.append('\n').append("  ".repeat(depth)).append('}');
    }

    private static void writeList(List<?> list, StringBuilder out, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        String separator = "\n";
        for (Object element : list) {
            out.append(separator).append("  ".repeat(depth + 1));
            write(element, out, depth + 1);
            separator = ",\n";
        }
        out.append('\n').append("  ".repeat(depth)).append(']');
    }

    private static void quote(CharSequence text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
