package org.jbilliard.benchmarks;

import java.util.Locale;

/**
 * Number formatting shared by the reports: three significant digits, thousands grouped.
 *
 * <p>Stateless; thread-safe.
 */
public final class Format {

    private Format() {
    }

    /**
     * Formats a figure for people: {@code 1234567 → "1,230,000"}, {@code 12.345 → "12.3"},
     * {@code 0.01234 → "0.0123"}.
     *
     * @param value the value
     * @return the text
     */
    public static String number(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value == 0 ? "0" : String.valueOf(value);
        }
        double magnitude = Math.floor(Math.log10(Math.abs(value)));
        int decimals = (int) Math.max(0, 2 - magnitude);
        double scale = Math.pow(10, magnitude - 2);
        double rounded = magnitude >= 2 ? Math.round(value / scale) * scale : value;
        return String.format(Locale.ROOT, "%,." + decimals + "f", rounded);
    }

    /**
     * Formats a ratio: {@code 5.123 → "5.12×"}.
     *
     * @param ratio the ratio
     * @return the text
     */
    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
