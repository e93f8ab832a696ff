package org.jbilliard.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the one line the C and Python baselines print: {@code RESULT key=value key=value ...}.
 *
 * <p>Stateless; thread-safe.
 */
public final class ResultLine {

    /** The prefix of the result line. */
    public static final String PREFIX = "RESULT ";

    private ResultLine() {
    }

    /**
     * Finds the last result line of a program's output and returns its fields.
     *
     * @param output the whole standard output
     * @return the fields in order
     * @throws IllegalArgumentException if there is no result line or a field is not {@code key=value}
     */
    public static Map<String, String> parse(String output) {
        String line = null;
        for (String candidate : output.split("\\R")) {
            if (candidate.startsWith(PREFIX)) {
                line = candidate;
            }
        }
        if (line == null) {
            throw new IllegalArgumentException("no line starting with '" + PREFIX.trim() + "' in the output: "
                    + abbreviate(output));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed field '" + field + "' in: " + line);
            }
            fields.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return fields;
    }

    /**
     * Returns a numeric field.
     *
     * @param fields the parsed fields
     * @param key    the field's name
     * @return its value
     * @throws IllegalArgumentException if it is missing or not a finite number
     */
    public static double number(Map<String, String> fields, String key) {
        String text = fields.get(key);
        if (text == null) {
            throw new IllegalArgumentException("field '" + key + "' missing from " + fields);
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw new NumberFormatException("not finite");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + key + "' is not a number: '" + text + "'", e);
        }
    }

    private static String abbreviate(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? "(empty)" : trimmed.length() <= 400 ? trimmed : "…" + trimmed.substring(trimmed.length() - 400);
    }
}
