package org.jbilliard.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The billiard baseline: billiard_bench.py, run by the configured interpreter once per repetition.
 *
 * <p>Each mode has the same structure as its jbilliard counterpart (children signal readiness, are
 * released together, and only what follows is timed). Used from one thread at a time.
 */
public final class BilliardBaseline implements Contender {

    private static final String SCRIPT = "billiard_bench.py";

    private final BenchConfig config;
    private Path script;
    private int run;

    /**
     * Creates the baseline; the script is copied out on first use.
     *
     * @param config the run's configuration
     */
    public BilliardBaseline(BenchConfig config) {
        this.config = config;
    }

    @Override
    public Impl impl() {
        return Impl.BILLIARD;
    }

    /**
     * Asks the interpreter for its billiard and Python versions.
     *
     * @return e.g. {@code "billiard 4.1.0 (Python 3.11.2, /usr/bin/python3)"}
     * @throws IOException          if the interpreter or billiard is missing
     * @throws InterruptedException if interrupted
     */
    public String version() throws IOException, InterruptedException {
        Map<String, String> fields = run(List.of("version"));
        return "billiard " + fields.get("billiard") + " (Python " + fields.get("python") + ", " + config.python() + ")";
    }

    @Override
    public Map<Metric, Double> runOnce(Workload workload) throws IOException, InterruptedException {
        int count = workload.count(config.quick());
        String n = String.valueOf(count);
        Map<Metric, Double> figures = new EnumMap<>(Metric.class);
        switch (workload) {
            case QUEUE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(run(List.of("throughput", "--kind", "queue",
                    "--count", n)), count));
            case QUEUE_4TO4 -> figures.put(Metric.THROUGHPUT, throughput(run(List.of("throughput", "--kind", "queue",
                    "--producers", "4", "--consumers", "4", "--count", n)), count));
            case SIMPLE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(run(List.of("throughput", "--kind", "simple",
                    "--count", n)), count));
            case JOINABLE_1TO1 -> figures.put(Metric.THROUGHPUT, throughput(run(List.of("throughput", "--kind",
                    "joinable", "--count", n)), count));
            case BYTES_64K, BYTES_1M -> {
                double msgsPerSecond = throughput(run(List.of("throughput", "--kind", "queue", "--payload",
                        workload == Workload.BYTES_1M ? "bytes1m" : "bytes64k", "--count", n)), count);
                figures.put(Metric.THROUGHPUT, msgsPerSecond);
                figures.put(Metric.BANDWIDTH, msgsPerSecond * workload.itemBytes() / 1e6);
            }
            case PINGPONG_SIMPLE, PINGPONG_QUEUE -> {
                Map<String, String> fields = run(List.of("pingpong", "--kind",
                        workload == Workload.PINGPONG_SIMPLE ? "simple" : "queue",
                        "--count", n, "--warmup", String.valueOf(config.pingPongWarmup())));
                figures.put(Metric.RTT_P50, ResultLine.number(fields, "p50_us"));
                figures.put(Metric.RTT_P99, ResultLine.number(fields, "p99_us"));
            }
            case STARTUP -> figures.put(Metric.START_P50,
                    ResultLine.number(run(List.of("startup", "--count", n)), "p50_ms"));
            case IDLE_CPU -> figures.put(Metric.IDLE_CPU,
                    ResultLine.number(run(List.of("idle", "--seconds", n)), "cpu_percent"));
        }
        return figures;
    }

    /**
     * Converts a throughput result to messages per second.
     *
     * @param fields the parsed result line
     * @param count  the items that were to be moved
     * @return items per second
     * @throws IllegalArgumentException if another number of items was moved
     */
    static double throughput(Map<String, String> fields, int count) {
        double msgs = ResultLine.number(fields, "msgs");
        if (msgs != count) {
            throw new IllegalArgumentException("billiard moved " + msgs + " items, expected " + count);
        }
        return msgs / ResultLine.number(fields, "seconds");
    }

    private Map<String, String> run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(config.python(), scriptPath().toString()));
        command.addAll(args);
        String name = "billiard-" + args.get(0) + "-" + run++;
        return ResultLine.parse(ExternalCommand.run(command, config.out().resolve("logs"), name,
                args.get(0).equals("version") ? Duration.ofSeconds(30) : config.repetitionTimeout()).stdout());
    }

    private Path scriptPath() throws IOException {
        if (script == null) {
            Path dir = config.out().resolve("python");
            Files.createDirectories(dir);
            Path target = dir.resolve(SCRIPT);
            try (InputStream in = BilliardBaseline.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException(SCRIPT + " is missing from the class path");
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            script = target;
        }
        return script;
    }
}
