package org.jbilliard.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jbilliard.benchmarks.jmh.CodecBenchmark;
import org.jbilliard.benchmarks.jmh.ControlBlockBenchmark;
import org.jbilliard.benchmarks.jmh.FrameBenchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks (codec, frames, control block) in a forked JVM and records each
 * measurement iteration as a repetition (workload {@code jmh:<class>.<method>[<params>]}, metric
 * {@link Metric#TIME_PER_OP}).
 *
 * <p>Blocks while JMH runs; not thread-safe.
 */
public final class JmhSuite {

    private final BenchConfig config;

    /**
     * Creates the suite.
     *
     * @param config the run's configuration (quick mode shortens the iterations)
     */
    public JmhSuite(BenchConfig config) {
        this.config = config;
    }

    /**
     * Returns the benchmark classes run.
     *
     * @return their names
     */
    static List<String> benchmarkClasses() {
        return List.of(CodecBenchmark.class.getName(), FrameBenchmark.class.getName(),
                ControlBlockBenchmark.class.getName());
    }

    /**
     * Runs the benchmarks and records their iterations.
     *
     * @param results where the figures go
     * @throws RunnerException if JMH fails
     */
    public void run(ResultSet results) throws RunnerException {
        OptionsBuilder builder = new OptionsBuilder();
        for (String benchmark : benchmarkClasses()) {
            builder.include("^" + java.util.regex.Pattern.quote(benchmark) + "\\.");
        }
        Options options = builder
                // NOTE: the quick run measures in the harness's own JVM: a fork per benchmark costs
                // more than the measurement on a loaded machine.
                .forks(config.quick() ? 0 : 1)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .warmupIterations(config.quick() ? 1 : 3)
                .warmupTime(TimeValue.milliseconds(config.quick() ? 200 : 1000))
                .measurementIterations(config.quick() ? 3 : 5)
                .measurementTime(TimeValue.milliseconds(config.quick() ? 200 : 1000))
                .jvmArgsAppend("--enable-native-access=ALL-UNNAMED")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        for (RunResult run : runs) {
            String name = name(run);
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            for (double score : scores) {
                results.add(name, Impl.JBILLIARD.id(), Metric.TIME_PER_OP, score);
            }
            System.out.printf("jbilliard benchmarks: %-60s %s ns/op%n", name,
                    Format.number(Stats.summarize(scores).median()));
        }
    }

    private static String name(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        List<String> params = new ArrayList<>();
        for (String key : run.getParams().getParamsKeys()) {
            params.add(run.getParams().getParam(key));
        }
        return "jmh:" + shortName + (params.isEmpty() ? "" : "[" + String.join(",", params) + "]");
    }
}
