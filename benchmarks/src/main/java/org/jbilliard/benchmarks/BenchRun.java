package org.jbilliard.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jbilliard.Context;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;

/**
 * One benchmark run: every selected workload, repeated, alternating between the implementations
 * that cover it (the order rotates each repetition), then JMH, then the three output files.
 *
 * <p>An implementation that fails a workload is recorded as a failure and skipped for that workload's
 * remaining repetitions; the others are still measured and written. Not thread-safe; run once.
 */
public final class BenchRun {

    /** The machine-readable results. */
    public static final String JSON_FILE = "results.json";
    /** The readable results. */
    public static final String MARKDOWN_FILE = "results.md";

    /** When the run began, for the elapsed time in the log. */
    private static final long STARTED = System.nanoTime();

    private final BenchConfig config;
    private final List<Contender> contenders;
    private final BilliardBaseline billiard;
    /** The Redis workloads' one server, started by the first of them, stopped at the end of the run. */
    private final RedisServer redisServer;
    private final RedisPyBaseline redisPy;

    /**
     * Creates a run with the implementations of {@link Impl}.
     *
     * @param config the configuration
     */
    public BenchRun(BenchConfig config) {
        this.config = config;
        this.billiard = new BilliardBaseline(config);
        this.redisServer = new RedisServer(config);
        this.redisPy = new RedisPyBaseline(config, redisServer);
        this.contenders = List.of(new RawPipeBaseline(config), billiard, new JbilliardContender(config),
                new AgronaAnchor(config), new JbilliardContender(config, Impl.JBILLIARD_REDIS, this::redisContext),
                redisPy);
    }

    /** The Redis context on the run's server, with the context's defaults otherwise. */
    private Context redisContext() {
        try {
            return new RedisContext(RedisConfig.builder().uri(redisServer.uri()).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Measures, writes the outputs, and returns the exit status.
     *
     * @return 0, or 1 if something could not be measured and the configuration fails on that
     * @throws IOException if the outputs cannot be written
     */
    public int run() throws IOException {
        Files.createDirectories(config.out());
        String billiardVersion;
        try {
            billiardVersion = billiard.version();
        } catch (IOException | RuntimeException e) {
            billiardVersion = "unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        Map<String, String> environment = Environment.collect(billiardVersion, command());
        log("%s run, %d repetitions per figure, output in %s", config.quick() ? "quick" : "full",
                config.repetitions(), config.out().toAbsolutePath());

        ResultSet results = new ResultSet();
        List<String> notes = notes();
        try {
            for (Workload workload : Workload.values()) {
                if (config.workloads().contains(workload)) {
                    measure(workload, results);
                }
            }
        } finally {
            if (redisServer.started()) {
                environment.put("redis", redisServer.version() + "; " + redisPyVersion());
                notes.add("Redis workloads: jbilliard-redis (the Redis context, child JVMs) and redis-py (LPUSH by"
                        + " producer processes, BRPOP by consumer processes) alternate on one redis-server on a"
                        + " loopback port (--save '' --appendonly no --hz 100). Server-side cost over the run"
                        + " (INFO commandstats, calls × µs per call): " + redisServer.commandStats() + ".");
            }
            redisServer.close();
        }
        if (config.jmh()) {
            try {
                new JmhSuite(config).run(results);
            } catch (Exception e) {
                results.fail("jmh", Impl.JBILLIARD.id(), "jmh: " + e);
                e.printStackTrace();
            }
        }
        environment.put("load average at end", Environment.loadAverage());
        List<String> leftovers = leftovers();
        if (!leftovers.isEmpty()) {
            results.fail("cleanup", Impl.JBILLIARD.id(), "files left in java.io.tmpdir after the run: " + leftovers);
        }

        Report report = Report.of(environment, notes, results);
        write(config.out().resolve(JSON_FILE), JsonReport.render(report));
        write(config.out().resolve(MARKDOWN_FILE), MarkdownReport.render(report));
        write(config.out().resolve(MarkdownReport.CHART_FILE), SvgChart.render(report));
        for (Target.Verdict verdict : report.verdicts()) {
            log("target %-22s %-13s %s (%s)", verdict.target().workload().id(),
                    verdict.status().name().toLowerCase(Locale.ROOT), verdict.target().text(), verdict.measured());
        }
        for (Failure failure : report.failures()) {
            log("NOT MEASURED %s: %s", failure.workload(), failure.message());
        }
        log("wrote %s, %s and %s in %s", JSON_FILE, MARKDOWN_FILE, MarkdownReport.CHART_FILE,
                config.out().toAbsolutePath());
        if (!report.failures().isEmpty() && config.failOnError()) {
            log("%d figure(s) could not be measured (see above); -Dbench.failOnError=false keeps the build green",
                    report.failures().size());
            return 1;
        }
        return 0;
    }

    private void measure(Workload workload, ResultSet results) {
        List<Contender> covering = contenders.stream().filter(c -> workload.covers(c.impl())).toList();
        Set<Impl> failed = EnumSet.noneOf(Impl.class);
        for (int rep = 0; rep < config.repetitions(); rep++) {
            for (int i = 0; i < covering.size(); i++) {
                // NOTE: rotating the order spreads drifts of a shared machine's load over all implementations.
                Contender contender = covering.get((i + rep) % covering.size());
                if (failed.contains(contender.impl())) {
                    continue;
                }
                try {
                    Map<Metric, Double> figures = contender.runOnce(workload);
                    figures.forEach((metric, value) -> results.add(workload.id(), contender.impl().id(), metric, value));
                    log("%-22s %-15s rep %d/%d  %s", workload.id(), contender.impl().id(), rep + 1,
                            config.repetitions(), describe(figures));
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Exception | Error e) {
                    failed.add(contender.impl());
                    String message = contender instanceof JbilliardContender
                            ? JbilliardContender.describe(contender.impl(), e)
                            : contender.impl().id() + ": " + e.getMessage();
                    results.fail(workload.id(), contender.impl().id(), message);
                    log("%-22s %-15s FAILED: %s", workload.id(), contender.impl().id(), message);
                    if (contender instanceof JbilliardContender && !(e.getCause() == null
                            && e instanceof UnsupportedOperationException)) {
                        e.printStackTrace();
                    }
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private String redisPyVersion() {
        try {
            return redisPy.version();
        } catch (IOException | RuntimeException e) {
            return "redis-py unavailable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "redis-py version not asked (interrupted)";
        }
    }

    /** Lists what the run left in the temporary directory, except JMH's own lock file. */
    private static List<String> leftovers() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (var entries = Files.list(tmp)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.contains("jbilliard"))
                    .sorted()
                    .toList();
        }
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (config.quick()) {
            notes.add("Quick mode: " + config.repetitions() + " repetitions per figure (the full run has 5), smaller"
                    + " counts, a " + Workload.IDLE_CPU.count(true) + " s idle window instead of "
                    + Workload.IDLE_CPU.count(false) + " s, and JMH iterations of 200 ms in the harness's JVM (no fork). Use the full run for"
                    + " published numbers.");
        }
        notes.add("Each figure is the median of its repetitions with min and max; repetitions of the implementations"
                + " alternate, rotating the order, so ratios come from the same run and the same load.");
        notes.add("Throughput is timed from releasing the ready child processes to the last consumer's report: JVM"
                + " and interpreter start-up are excluded. Raw-pipe small frames are " + RawPipeBaseline.SMALL_FRAME
                + " bytes (4-byte length + an encoded Integer), written with one write and read with one exact read.");
        notes.add("agrona-shm is the shared-memory anchor: two JVMs (default compiler and collector) moving the same"
                + " items through Agrona's OneToOneRingBuffer of " + (AgronaAnchorChild.RING_CAPACITY >> 20)
                + " MiB in a /dev/shm file, waiting with a backoff (spin, yield, park 1–100 µs); no crash repair,"
                + " deadlines or shared capacity count. A baseline for shared memory, not a queue like the others.");
        notes.add("Start-up is measured from just before start() to the first statement of the task (CLOCK_MONOTONIC"
                + " in both processes); idle CPU is the child process's time on a CPU, summed over its threads from /proc/<pid>/task/*/schedstat (nanoseconds).");
        notes.add("The machine may be shared with other work; compare the load averages below and treat single"
                + " figures as noisy.");
        return notes;
    }

    private String command() {
        StringBuilder command = new StringBuilder("./mvnw -B -Pbench");
        if (config.quick()) {
            command.append(" -Dbench.quick=true");
        }
        if (!config.workloads().containsAll(EnumSet.allOf(Workload.class)) || !config.jmh()) {
            List<String> ids = new ArrayList<>();
            for (Workload workload : Workload.values()) {
                if (config.workloads().contains(workload)) {
                    ids.add(workload.id());
                }
            }
            if (config.jmh()) {
                ids.add("jmh");
            }
            command.append(" -Dbench.only=").append(String.join(",", ids));
        }
        if (!config.childJvmOptions().isEmpty()) {
            command.append(" -Dbench.childJvmOptions=\"").append(String.join(" ", config.childJvmOptions())).append('"');
        }
        return command.append(" verify").toString();
    }

    private static String describe(Map<Metric, Double> figures) {
        List<String> parts = new ArrayList<>();
        figures.forEach((metric, value) -> parts.add(metric.id() + "=" + Format.number(value) + " " + metric.unit()));
        return String.join(", ", parts);
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void log(String format, Object... args) {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        System.out.println(String.format(Locale.ROOT, "jbilliard benchmarks [%02d:%02d] ", seconds / 60, seconds % 60)
                + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
