package org.jbilliard.benchmarks;

/**
 * One reported figure: an implementation's metric on a workload, over its repetitions.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param workload the workload id (a {@link Workload} id or a JMH benchmark name)
 * @param impl     the implementation id
 * @param metric   the metric
 * @param summary  median, min and max of the repetitions
 */
public record Result(String workload, String impl, Metric metric, Summary summary) {
}
