/**
 * JMH benchmarks of the in-process parts of the reference implementation: the default codec, and the
 * frame and lock primitives of the queue package. {@link org.jbilliard.benchmarks.JmhSuite} runs
 * them as part of the benchmark run; each class can also be run alone with JMH's own runner.
 */
package org.jbilliard.benchmarks.jmh;
