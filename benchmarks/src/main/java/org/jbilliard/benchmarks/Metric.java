package org.jbilliard.benchmarks;

/**
 * What a figure measures, with its unit and direction.
 */
public enum Metric {
    /** Items moved per second. */
    THROUGHPUT("throughput", "msgs/s", true),
    /** Payload bytes moved per second (10^6 bytes). */
    BANDWIDTH("bandwidth", "MB/s", true),
    /** Payload bytes per second of the raw pipe written and read in 1 MiB blocks, without framing. */
    BANDWIDTH_LARGE_BLOCK("bandwidth-large-block", "MB/s", true),
    /** Median round trip. */
    RTT_P50("rtt-p50", "us", false),
    /** 99th-percentile round trip. */
    RTT_P99("rtt-p99", "us", false),
    /** Median time from starting a process to the first statement of its task. */
    START_P50("start-p50", "ms", false),
    /** 99th-percentile time from starting a process to the first statement of its task. */
    START_P99("start-p99", "ms", false),
    /** Median time a child spends computing a fixed CPU-bound task, measured in the child. */
    TASK_TIME("task-time", "ms", false),
    /** CPU used by a consumer blocked in get, in percent of one core. */
    IDLE_CPU("cpu", "% of one core", false),
    /** JMH average time per operation. */
    TIME_PER_OP("time", "ns/op", false);

    private final String id;
    private final String unit;
    private final boolean higherIsBetter;

    Metric(String id, String unit, boolean higherIsBetter) {
        this.id = id;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * Returns the name used in results.json.
     *
     * @return e.g. {@code "throughput"}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the unit.
     *
     * @return e.g. {@code "msgs/s"}
     */
    public String unit() {
        return unit;
    }

    /**
     * Returns whether a larger value is better.
     *
     * @return {@code true} for rates, {@code false} for times and costs
     */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
