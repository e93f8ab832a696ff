package org.jbilliard.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a run is made: quick or full, where the output goes, which interpreter runs billiard, which
 * workloads run.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param quick       fewer repetitions and smaller counts
 * @param out         the output directory (results.json, results.md, chart.svg, logs/, native/)
 * @param python      the interpreter that imports billiard
 * @param failOnError whether a figure that could not be measured fails the run (after writing)
 * @param workloads   the cross-process workloads to run
 * @param jmh         whether the JMH benchmarks run
 * @param childJvmOptions extra JVM options for jbilliard's child processes (profiling, JIT experiments)
 */
public record BenchConfig(boolean quick, Path out, String python, boolean failOnError, Set<Workload> workloads,
                          boolean jmh, List<String> childJvmOptions) {

    /**
     * Creates a configuration; the options list is copied.
     */
    public BenchConfig {
        childJvmOptions = List.copyOf(childJvmOptions);
    }

    /** The interpreter used unless {@code JBILLIARD_PYTHON} names another: Debian's, which has billiard. */
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";

    /**
     * Returns how many times each workload is repeated per implementation.
     *
     * @return 5 in the full run, 3 in the quick one
     */
    public int repetitions() {
        return quick ? 3 : 5;
    }

    /**
     * Returns the warm-up round trips before ping-pong samples are kept.
     *
     * @return the count
     */
    public int pingPongWarmup() {
        return quick ? 500 : 5_000;
    }

    /**
     * Returns how long one repetition of one implementation may take before it is abandoned.
     *
     * @return the deadline
     */
    public Duration repetitionTimeout() {
        return Duration.ofSeconds(quick ? 60 : 180);
    }

    /**
     * Parses the harness's arguments: {@code --quick=BOOL --out=DIR --fail-on-error=BOOL --only=LIST
     * --child-jvm-options=OPTIONS} where LIST is {@code all} or comma-separated workload ids,
     * {@code redis} (all Redis workloads) and {@code jmh}, and OPTIONS are space-separated.
     *
     * @param args        the arguments
     * @param environment the process environment ({@code JBILLIARD_PYTHON} is read from it)
     * @return the configuration
     * @throws IllegalArgumentException on an unknown argument or workload
     */
    public static BenchConfig parse(String[] args, Map<String, String> environment) {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "quick", "false", "out", "target/bench", "fail-on-error", "true", "only", "all",
                "child-jvm-options", ""));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0 || !options.containsKey(arg.substring(2, eq))) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'; expected --quick=true|false,"
                        + " --out=DIR, --fail-on-error=true|false, --only=all|workload,...,redis,jmh, --child-jvm-options=...");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        Set<Workload> workloads = EnumSet.noneOf(Workload.class);
        boolean jmh = false;
        String only = options.get("only").trim();
        if (only.isEmpty() || only.equals("all")) {
            workloads = EnumSet.allOf(Workload.class);
            jmh = true;
        } else {
            for (String id : only.split(",")) {
                if (id.trim().equals("jmh")) {
                    jmh = true;
                } else if (id.trim().equals(Workload.REDIS_GROUP)) {
                    workloads.addAll(Workload.redisWorkloads());
                } else {
                    workloads.add(Workload.byId(id.trim()));
                }
            }
        }
        String python = environment.getOrDefault("JBILLIARD_PYTHON", DEFAULT_PYTHON);
        return new BenchConfig(bool(options, "quick"), Path.of(options.get("out")), python,
                bool(options, "fail-on-error"), Set.copyOf(workloads), jmh, childJvmOptions(options));
    }

    private static List<String> childJvmOptions(Map<String, String> options) {
        String text = options.get("child-jvm-options").trim();
        return text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
    }

    private static boolean bool(Map<String, String> options, String key) {
        String value = options.get(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + key + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
