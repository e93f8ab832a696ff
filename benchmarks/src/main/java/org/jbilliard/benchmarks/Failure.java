package org.jbilliard.benchmarks;

/**
 * An implementation that could not be measured on a workload, and why.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param workload the workload id
 * @param impl     the implementation id
 * @param message  what went wrong, prefixed with the implementation
 */
public record Failure(String workload, String impl, String message) {
}
