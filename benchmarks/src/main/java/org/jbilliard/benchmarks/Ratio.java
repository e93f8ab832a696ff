package org.jbilliard.benchmarks;

/**
 * jbilliard's median divided by another figure's median, from the same run.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param workload the workload id
 * @param metric   the metric
 * @param vs       what jbilliard is compared with: {@code "billiard"}, {@code "raw-pipe"}, or
 *                 {@code "jbilliard <workload>"}
 * @param ratio    jbilliard's median divided by the other median
 */
public record Ratio(String workload, Metric metric, String vs, double ratio) {
}
