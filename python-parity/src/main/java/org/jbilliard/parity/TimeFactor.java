package org.jbilliard.parity;

/**
 * The one multiplier applied to every bound of the harness, for slow or loaded machines: system
 * property {@code jbilliard.timeFactor} or environment variable {@code JBILLIARD_TIME_FACTOR}
 * (default 1).
 *
 * <p><b>Thread-safety.</b> Stateless; reads the setting on every call.
 */
public final class TimeFactor {

    private TimeFactor() {
    }

    /**
     * Returns the factor.
     *
     * @return a positive multiplier
     * @throws IllegalArgumentException if the setting is not a positive number
     */
    public static double get() {
        String value = System.getProperty("jbilliard.timeFactor", System.getenv("JBILLIARD_TIME_FACTOR"));
        if (value == null || value.isBlank()) {
            return 1.0;
        }
        try {
            double f = Double.parseDouble(value.trim());
            if (f > 0) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("JBILLIARD_TIME_FACTOR must be a positive number, was '" + value + "'");
    }
}
