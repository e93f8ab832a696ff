package org.jbilliard.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One of the performance targets: a workload and the conditions its figures must meet.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param workload   the workload
 * @param text       the target as stated, e.g. "≥ 5× billiard msgs/s and ≥ 0.5× the raw exact-read pipe"
 * @param conditions all must hold for the target to be met
 */
public record Target(Workload workload, String text, List<Condition> conditions) {

    /** The outcome of a target in one run. */
    public enum Status {
        /** Every condition holds. */
        MET,
        /** At least one condition fails. */
        MISSED,
        /** Some figure was not measured and none failed. */
        NOT_MEASURED
    }

    /**
     * A target's outcome and the figures it was judged on.
     *
     * @param target   the target
     * @param status   met, missed or not measured
     * @param measured the measured values, e.g. "6.1× billiard, 0.91× raw-pipe"
     */
    public record Verdict(Target target, Status status, String measured) {
    }

    /** One condition: a ratio or an absolute jbilliard median compared with a bound. */
    public sealed interface Condition {
        /**
         * Returns the measured value this condition is about.
         *
         * @param results the run's figures
         * @return the value, or empty if not measured
         */
        Optional<Double> measure(ResultSet results);

        /**
         * Returns whether the value meets the bound.
         *
         * @param value the measured value
         * @return {@code true} if met
         */
        boolean holds(double value);

        /**
         * Describes the value for the report.
         *
         * @param value the measured value
         * @return e.g. "6.1× billiard"
         */
        String describe(double value);

        /**
         * Describes the bound, for a missed condition in the report.
         *
         * @return e.g. "≥ 5×" or "≤ 10 µs"
         */
        String bound();
    }

    /** {@code value} without trailing zeros: 0.5, 5, 0.85. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * The median of a workload's {@link Workload#subject() subject} over another figure's median is
     * at least {@code min}.
     *
     * @param workload the workload
     * @param metric   the metric
     * @param vs       a {@link Ratio#vs()} value
     * @param min      the smallest acceptable ratio
     */
    public record RatioAtLeast(Workload workload, Metric metric, String vs, double min) implements Condition {
        @Override
        public Optional<Double> measure(ResultSet results) {
            return results.ratios().stream()
                    .filter(r -> r.workload().equals(workload.id()) && r.metric() == metric && r.vs().equals(vs))
                    .map(Ratio::ratio)
                    .findFirst();
        }

        @Override
        public boolean holds(double value) {
            return value >= min;
        }

        @Override
        public String describe(double value) {
            return String.format(Locale.ROOT, "%.2f× %s", value, vs);
        }

        @Override
        public String bound() {
            return "≥ " + plain(min) + "×";
        }
    }

    /**
     * The median of a workload's {@link Workload#subject() subject} for a metric is at most {@code max}.
     *
     * @param workload the workload
     * @param metric   the metric
     * @param max      the largest acceptable value
     */
    public record AtMost(Workload workload, Metric metric, double max) implements Condition {
        @Override
        public Optional<Double> measure(ResultSet results) {
            return results.find(workload.id(), workload.subject().id(), metric).map(Summary::median);
        }

        @Override
        public boolean holds(double value) {
            return value <= max;
        }

        @Override
        public String describe(double value) {
            return String.format(Locale.ROOT, "%s %s %s", metric.id(), Format.number(value), metric.unit());
        }

        @Override
        public String bound() {
            return "≤ " + plain(max) + " " + metric.unit();
        }
    }

    /**
     * Judges this target on a run.
     *
     * @param results the run's figures
     * @return the verdict
     */
    public Verdict judge(ResultSet results) {
        List<String> measured = new ArrayList<>();
        boolean missed = false;
        boolean missing = false;
        for (Condition condition : conditions) {
            Optional<Double> value = condition.measure(results);
            if (value.isEmpty()) {
                missing = true;
                continue;
            }
            boolean holds = condition.holds(value.get());
            measured.add(condition.describe(value.get()) + (holds ? "" : " (needs " + condition.bound() + ")"));
            missed |= !holds;
        }
        Status status = missed ? Status.MISSED : missing ? Status.NOT_MEASURED : Status.MET;
        return new Verdict(this, status, measured.isEmpty() ? "—" : String.join(", ", measured));
    }

    /**
     * Returns the targets of the project's performance goals.
     *
     * @return the targets, in the order of the goals
     */
    public static List<Target> goals() {
        String billiard = Impl.BILLIARD.id();
        String raw = Impl.RAW_PIPE.id();
        String own = ResultSet.ownBaseline();
        String redisPy = Impl.REDIS_PY.id();
        return List.of(
                new Target(Workload.QUEUE_1TO1, "≥ 5× billiard msgs/s and ≥ 0.5× the raw exact-read pipe",
                        List.of(new RatioAtLeast(Workload.QUEUE_1TO1, Metric.THROUGHPUT, billiard, 5),
                                new RatioAtLeast(Workload.QUEUE_1TO1, Metric.THROUGHPUT, raw, 0.5))),
                new Target(Workload.QUEUE_4TO4, "≥ 3× billiard and ≥ 0.8× jbilliard's own 1 → 1",
                        List.of(new RatioAtLeast(Workload.QUEUE_4TO4, Metric.THROUGHPUT, billiard, 3),
                                new RatioAtLeast(Workload.QUEUE_4TO4, Metric.THROUGHPUT, own, 0.8))),
                new Target(Workload.SIMPLE_1TO1, "≥ 3× billiard",
                        List.of(new RatioAtLeast(Workload.SIMPLE_1TO1, Metric.THROUGHPUT, billiard, 3))),
                new Target(Workload.JOINABLE_1TO1, "≥ 0.9× jbilliard's Queue 1 → 1",
                        List.of(new RatioAtLeast(Workload.JOINABLE_1TO1, Metric.THROUGHPUT, own, 0.90))),
                new Target(Workload.BYTES_64K, "≥ 2× billiard and ≥ 0.6× the raw pipe",
                        List.of(new RatioAtLeast(Workload.BYTES_64K, Metric.THROUGHPUT, billiard, 2),
                                new RatioAtLeast(Workload.BYTES_64K, Metric.THROUGHPUT, raw, 0.6))),
                new Target(Workload.BYTES_1M, "≥ 2× billiard and ≥ 0.6× the raw pipe's 1 MiB-block bandwidth",
                        List.of(new RatioAtLeast(Workload.BYTES_1M, Metric.BANDWIDTH, billiard, 2),
                                new RatioAtLeast(Workload.BYTES_1M, Metric.BANDWIDTH, ResultSet.rawPipeLargeBlock(),
                                        0.60))),
                new Target(Workload.PINGPONG_SIMPLE, "p50 ≤ 10 µs, p99 ≤ 50 µs",
                        List.of(new AtMost(Workload.PINGPONG_SIMPLE, Metric.RTT_P50, 10),
                                new AtMost(Workload.PINGPONG_SIMPLE, Metric.RTT_P99, 50))),
                new Target(Workload.PINGPONG_QUEUE, "p50 ≤ 10 µs, p99 ≤ 50 µs",
                        List.of(new AtMost(Workload.PINGPONG_QUEUE, Metric.RTT_P50, 10),
                                new AtMost(Workload.PINGPONG_QUEUE, Metric.RTT_P99, 50))),
                new Target(Workload.STARTUP, "p50 ≤ 100 ms",
                        List.of(new AtMost(Workload.STARTUP, Metric.START_P50, 100))),
                new Target(Workload.STARTUP_WARM, "p50 ≤ 15 ms (billiard's forkserver: 14 ms)",
                        List.of(new AtMost(Workload.STARTUP_WARM, Metric.START_P50, 15))),
                new Target(Workload.IDLE_CPU, "≤ 1 % of one core",
                        List.of(new AtMost(Workload.IDLE_CPU, Metric.IDLE_CPU, 1))),
                new Target(Workload.REDIS_1TO1, "≥ 1× redis-py LPUSH/BRPOP items/s, same server",
                        List.of(new RatioAtLeast(Workload.REDIS_1TO1, Metric.THROUGHPUT, redisPy, 1))),
                new Target(Workload.REDIS_4TO4, "≥ 2× jbilliard-redis's own 1 → 1",
                        List.of(new RatioAtLeast(Workload.REDIS_4TO4, Metric.THROUGHPUT,
                                ResultSet.ownBaseline(Workload.REDIS_4TO4), 2))),
                new Target(Workload.REDIS_BYTES_64K, "≥ 50 % of redis-py's bandwidth, same server",
                        List.of(new RatioAtLeast(Workload.REDIS_BYTES_64K, Metric.BANDWIDTH, redisPy, 0.5))));
    }
}
