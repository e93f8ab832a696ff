/**
 * JMH benchmarks of the in-process parts of the reference implementation: the default codec, and the
 * frame and control-block primitives through the implementation's internal seam
 * {@link org.jbilliard.reference.queue.QueuePrimitives}. {@link org.jbilliard.benchmarks.JmhSuite} runs
 * them as part of the benchmark run; each class can also be run alone with JMH's own runner.
 */
package org.jbilliard.benchmarks.jmh;
