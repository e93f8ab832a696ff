package org.jbilliard.benchmarks;

/**
 * The median, minimum and maximum of a figure's repetitions.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param median the median (the mean of the two middle values for an even count)
 * @param min    the smallest repetition
 * @param max    the largest repetition
 * @param count  how many repetitions
 */
public record Summary(double median, double min, double max, int count) {
}
