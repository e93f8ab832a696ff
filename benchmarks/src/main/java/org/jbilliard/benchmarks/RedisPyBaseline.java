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
 * The redis-py baseline of the Redis workloads: redis_py_bench.py, what a Celery user's code does
 * (producer processes {@code LPUSH}, consumer processes {@code BRPOP}, forked by
 * {@code multiprocessing}), run by the configured interpreter once per repetition against the run's
 * {@link RedisServer}. Its children report readiness and are released together, as jbilliard's.
 *
 * <p>Used from one thread at a time.
 */
final class RedisPyBaseline implements Contender {

    private static final String SCRIPT = "redis_py_bench.py";

    private final BenchConfig config;
    private final RedisServer server;
    private Path script;
    private int run;

    /**
     * Creates the baseline; the script is copied out on first use.
     *
     * @param config the run's configuration
     * @param server the run's server, shared with the Redis contender
     */
    RedisPyBaseline(BenchConfig config, RedisServer server) {
        this.config = config;
        this.server = server;
    }

    @Override
    public Impl impl() {
        return Impl.REDIS_PY;
    }

    /**
     * Asks the interpreter for its redis-py and Python versions.
     *
     * @return e.g. {@code "redis-py 4.3.4 (Python 3.11.2, /usr/bin/python3)"}
     * @throws IOException          if the interpreter or redis-py is missing
     * @throws InterruptedException if interrupted
     */
    String version() throws IOException, InterruptedException {
        Map<String, String> fields = run(List.of("version"), Duration.ofSeconds(30));
        return "redis-py " + fields.get("redis_py") + " (Python " + fields.get("python") + ", " + config.python() + ")";
    }

    @Override
    public Map<Metric, Double> runOnce(Workload workload) throws IOException, InterruptedException {
        int pairs = switch (workload) {
            case REDIS_1TO1, REDIS_BYTES_64K -> 1;
            case REDIS_4TO4 -> 4;
            default -> throw new IllegalArgumentException(Impl.REDIS_PY.id() + " does not run " + workload.id());
        };
        int count = workload.count(config.quick());
        String p = String.valueOf(pairs);
        Map<String, String> fields = run(List.of(server.uri(), p, p, String.valueOf(count),
                workload.itemBytes() > 0 ? "64k" : "int"), config.repetitionTimeout());
        double msgs = ResultLine.number(fields, "msgs");
        int expected = (count / pairs) * pairs;
        if (msgs != expected) {
            throw new IOException("redis-py moved " + msgs + " items, expected " + expected);
        }
        double msgsPerSecond = msgs / ResultLine.number(fields, "seconds");
        Map<Metric, Double> figures = new EnumMap<>(Metric.class);
        figures.put(Metric.THROUGHPUT, msgsPerSecond);
        if (workload.itemBytes() > 0) {
            figures.put(Metric.BANDWIDTH, msgsPerSecond * workload.itemBytes() / 1e6);
        }
        return figures;
    }

    private Map<String, String> run(List<String> args, Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(config.python(), scriptPath().toString()));
        command.addAll(args);
        return ResultLine.parse(ExternalCommand.run(command, config.out().resolve("logs"), "redis-py-" + run++,
                timeout).stdout());
    }

    private Path scriptPath() throws IOException {
        if (script == null) {
            Path dir = Files.createDirectories(config.out().resolve("python"));
            Path target = dir.resolve(SCRIPT);
            try (InputStream in = RedisPyBaseline.class.getResourceAsStream(SCRIPT)) {
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
