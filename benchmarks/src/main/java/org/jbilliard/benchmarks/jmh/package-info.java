/**
 * JMH benchmarks of the in-process parts of the reference implementation: the default codec here; the
 * frame and control-block primitives in {@code org.jbilliard.reference.queue} of this module, because
 * they are package-private. {@link org.jbilliard.benchmarks.JmhSuite} runs
 * them as part of the benchmark run; each class can also be run alone with JMH's own runner.
 */
package org.jbilliard.benchmarks.jmh;
