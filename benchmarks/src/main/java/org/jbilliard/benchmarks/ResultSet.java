package org.jbilliard.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects the repetitions and failures of a run and derives its results and ratios.
 *
 * <p>Not thread-safe: the harness fills it from one thread. Figures keep the order in which they
 * were first recorded.
 */
public final class ResultSet {

    private record Key(String workload, String impl, Metric metric) {
    }

    private final Map<Key, List<Double>> samples = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    /**
     * Records one repetition.
     *
     * @param workload the workload id
     * @param impl     the implementation id
     * @param metric   the metric
     * @param value    the repetition's value
     * @throws IllegalArgumentException if the value is NaN or infinite
     */
    public void add(String workload, String impl, Metric metric, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(impl + " " + workload + " " + metric.id() + ": not a finite value: " + value);
        }
        samples.computeIfAbsent(new Key(workload, impl, metric), k -> new ArrayList<>()).add(value);
    }

    /**
     * Records that an implementation could not be measured on a workload.
     *
     * @param workload the workload id
     * @param impl     the implementation id
     * @param message  why
     */
    public void fail(String workload, String impl, String message) {
        failures.add(new Failure(workload, impl, message));
    }

    /**
     * Returns the failures, in the order recorded.
     *
     * @return an unmodifiable list
     */
    public List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Returns every figure, summarized over its repetitions.
     *
     * @return an unmodifiable list in recording order
     */
    public List<Result> results() {
        List<Result> results = new ArrayList<>();
        samples.forEach((key, values) ->
                results.add(new Result(key.workload(), key.impl(), key.metric(), Stats.summarize(values))));
        return List.copyOf(results);
    }

    /**
     * Returns one figure.
     *
     * @param workload the workload id
     * @param impl     the implementation id
     * @param metric   the metric
     * @return its summary, or empty if it was not measured
     */
    public Optional<Summary> find(String workload, String impl, Metric metric) {
        List<Double> values = samples.get(new Key(workload, impl, metric));
        return values == null ? Optional.empty() : Optional.of(Stats.summarize(values));
    }

    /**
     * Returns, for every figure of a workload's {@link Workload#subject() subject} (jbilliard, or
     * jbilliard-redis on the Redis workloads), its median over the median of each other
     * implementation that measured the same figure (billiard, the raw pipe, the shared-memory
     * anchor; redis-py), its bandwidth over the raw pipe's 1 MiB-block bandwidth, and the in-house
     * comparisons the targets name ({@link Workload#ownBaseline()}: 4 → 4 and JoinableQueue against
     * jbilliard's own Queue 1 → 1, Redis 4 → 4 against Redis 1 → 1). Figures whose denominator's
     * median is zero have no ratio.
     *
     * @return an unmodifiable list
     */
    public List<Ratio> ratios() {
        List<Ratio> ratios = new ArrayList<>();
        for (Result result : results()) {
            Optional<Workload> known = Workload.find(result.workload());
            Impl subject = known.map(Workload::subject).orElse(Impl.JBILLIARD);
            if (!result.impl().equals(subject.id())) {
                continue;
            }
            for (Impl other : Impl.values()) {
                if (other == Impl.JBILLIARD || other == Impl.JBILLIARD_REDIS) {
                    continue;
                }
                // NOTE: a zero median (idle CPU below the tick resolution) has no meaningful ratio.
                find(result.workload(), other.id(), result.metric())
                        .filter(summary -> summary.median() > 0)
                        .ifPresent(summary -> ratios.add(new Ratio(result.workload(), result.metric(), other.id(),
                                result.summary().median() / summary.median())));
            }
            if (result.metric() == Metric.BANDWIDTH) {
                // The byte-array workloads also compare with the pipe's ceiling: 1 MiB blocks, no framing.
                find(result.workload(), Impl.RAW_PIPE.id(), Metric.BANDWIDTH_LARGE_BLOCK)
                        .filter(summary -> summary.median() > 0)
                        .ifPresent(summary -> ratios.add(new Ratio(result.workload(), Metric.BANDWIDTH,
                                rawPipeLargeBlock(), result.summary().median() / summary.median())));
            }
            Optional<Workload> own = known.flatMap(Workload::ownBaseline);
            if (result.metric() == Metric.THROUGHPUT && own.isPresent()) {
                Workload workload = known.get();
                find(own.get().id(), subject.id(), Metric.THROUGHPUT)
                        .filter(base -> base.median() > 0).ifPresent(base ->
                        ratios.add(new Ratio(result.workload(), Metric.THROUGHPUT,
                                ownBaseline(workload), result.summary().median() / base.median())));
            }
        }
        return List.copyOf(ratios);
    }

    /**
     * Returns the {@link Ratio#vs()} of a bandwidth compared with the raw pipe's 1 MiB-block figure.
     *
     * @return {@code "raw-pipe bandwidth-large-block"}
     */
    public static String rawPipeLargeBlock() {
        return Impl.RAW_PIPE.id() + " " + Metric.BANDWIDTH_LARGE_BLOCK.id();
    }

    /**
     * Returns the {@link Ratio#vs()} of comparisons with jbilliard's own Queue 1 → 1.
     *
     * @return {@code "jbilliard queue-1to1-int"}
     */
    public static String ownBaseline() {
        return ownBaseline(Workload.QUEUE_4TO4);
    }

    /**
     * Returns the {@link Ratio#vs()} of a workload's comparison with its {@link Workload#ownBaseline()}.
     *
     * @param workload a workload that has one
     * @return e.g. {@code "jbilliard-redis redis-queue-1to1-int"}
     * @throws IllegalArgumentException if the workload has none
     */
    public static String ownBaseline(Workload workload) {
        Workload base = workload.ownBaseline().orElseThrow(() ->
                new IllegalArgumentException(workload.id() + " is not compared with another workload"));
        return workload.subject().id() + " " + base.id();
    }
}
