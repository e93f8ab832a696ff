package org.jbilliard.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/**
 * The statistics the harness reports: median/min/max over repetitions and nearest-rank percentiles
 * over latency samples (the same definition the C and Python baselines use).
 *
 * <p>Stateless; thread-safe. Throws {@link IllegalArgumentException} for empty input or NaN values.
 */
public final class Stats {

    private Stats() {
    }

    /**
     * Summarizes repetitions.
     *
     * @param values one value per repetition
     * @return their median, min and max
     * @throws IllegalArgumentException if {@code values} is empty or holds NaN
     */
    public static Summary summarize(Collection<Double> values) {
        double[] sorted = sortedCopy(values.stream().mapToDouble(Double::doubleValue).toArray());
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }

    /**
     * Returns the nearest-rank percentile: the smallest sample such that at least {@code percent} %
     * of the samples are less than or equal to it.
     *
     * @param samples the samples, in any order (not modified)
     * @param percent 1 to 100
     * @return the percentile
     * @throws IllegalArgumentException if {@code samples} is empty or {@code percent} is out of range
     */
    public static double percentile(double[] samples, int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percent must be 1..100, got " + percent);
        }
        double[] sorted = sortedCopy(samples);
        int rank = (int) Math.max(1, ((long) sorted.length * percent + 99) / 100);
        return sorted[rank - 1];
    }

    private static double[] sortedCopy(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("NaN among the values: " + Arrays.toString(values));
        }
        return sorted;
    }
}
