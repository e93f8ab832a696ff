/**
 * The benchmark harness: jbilliard's cross-process queues measured next to Python billiard and a raw
 * pipe in one run, so that ratios hold on a noisy machine.
 *
 * <p>Design. {@link org.jbilliard.benchmarks.BenchRun} runs each {@link org.jbilliard.benchmarks.Workload}
 * for a number of repetitions; within a repetition every {@link org.jbilliard.benchmarks.Contender}
 * that covers the workload runs once, in an order that rotates, so slow drifts of a shared
 * machine's load hit all implementations alike. The baselines are external programs shipped as
 * resources: billiard_bench.py (run by the interpreter that has billiard) and rawpipe.c (compiled
 * with the system {@code cc} at run time); each prints one {@code RESULT key=value} line that
 * {@link org.jbilliard.benchmarks.ResultLine} parses. jbilliard's side uses only the public API.
 * Every workload has the same shape in all three: children signal readiness, are released
 * together, and only what follows is timed.
 *
 * <p>The Redis workloads run the same jbilliard code on the Redis context
 * ({@link org.jbilliard.benchmarks.Impl#JBILLIARD_REDIS}) against redis_py_bench.py
 * ({@link org.jbilliard.benchmarks.Impl#REDIS_PY}: LPUSH/BRPOP, what a Celery user's code does),
 * both on one {@code redis-server} that the run starts on a free loopback port for its first Redis
 * workload and stops by its PID at the end.
 *
 * <p>{@link org.jbilliard.benchmarks.ResultSet} turns repetitions into median/min/max and ratios,
 * {@link org.jbilliard.benchmarks.Target} judges the project's goals, and
 * {@link org.jbilliard.benchmarks.JsonReport}, {@link org.jbilliard.benchmarks.MarkdownReport} and
 * {@link org.jbilliard.benchmarks.SvgChart} write results.json, results.md and chart.svg. A figure that
 * cannot be measured becomes a failure in those files rather than stopping the run.
 */
package org.jbilliard.benchmarks;
