package org.jbilliard.benchmarks.redis;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jbilliard.Queue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;

/**
 * The Redis contender against what a Celery user's code does (redis-py {@code LPUSH}/{@code BRPOP}),
 * in the same run, on the same {@code redis-server} that this program starts on a free loopback
 * port and stops by its PID. Producers and consumers are child processes on both sides (child JVMs
 * of {@link RedisContext#process}; forked Python processes); each repetition runs both, in an order
 * that alternates, and the clock runs from the release of the children to the last consumer's
 * report. Prints a table and writes it to {@code benchmarks/target/bench/redis-results.md}.
 *
 * <p>Arguments: {@code quick} (3 repetitions, small counts) or {@code full} (5 repetitions).
 *
 * <p><b>Thread-safety.</b> A program: one thread.
 */
public final class RedisBench {

    private RedisBench() {
    }

    /** One workload of this benchmark. */
    private record Workload(String id, int producers, int consumers, boolean bytes64k, int quick, int full) {
    }

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("queue-1to1-int", 1, 1, false, 4_000, 20_000),
            new Workload("queue-4to4-int", 4, 4, false, 8_000, 40_000),
            new Workload("bytes64k-1to1", 1, 1, true, 800, 4_000));

    /**
     * Runs the benchmark.
     *
     * @param args {@code quick} or {@code full}
     * @throws Exception if something could not be measured
     */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length == 0 || !args[0].equals("full");
        int reps = quick ? 3 : 5;
        String python = System.getenv().getOrDefault("JBILLIARD_PYTHON", "/usr/bin/python3");
        Path dir = Files.createTempDirectory("jbilliard-redis-bench-");
        Path script = dir.resolve("redis_py_bench.py");
        try (InputStream in = RedisBench.class.getResourceAsStream("redis_py_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        int port = freePort();
        Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--hz", "100", "--daemonize", "no", "--dir", dir.toString(),
                "--loglevel", "warning").redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile())
                .start();
        StringBuilder md = new StringBuilder();
        try {
            awaitListening(port, server);
            String url = "redis://127.0.0.1:" + port + "/0";
            RedisContext ctx = new RedisContext(RedisConfig.builder().uri(url).build());
            String loadStart = loadAverage();
            double[][] medians = new double[WORKLOADS.size()][2];
            md.append("| workload | jbilliard redis (median, min–max) | redis-py LPUSH/BRPOP (median, min–max) | unit |\n")
                    .append("|---|---|---|---|\n");
            for (int w = 0; w < WORKLOADS.size(); w++) {
                Workload wl = WORKLOADS.get(w);
                int count = quick ? wl.quick : wl.full;
                double[] java = new double[reps];
                double[] py = new double[reps];
                for (int rep = 0; rep < reps; rep++) {
                    // NOTE: alternating the order spreads drifts of a shared machine's load over both.
                    if (rep % 2 == 0) {
                        java[rep] = rate(wl, count, runJava(ctx, wl, count));
                        py[rep] = rate(wl, count, runPython(python, script, url, wl, count));
                    } else {
                        py[rep] = rate(wl, count, runPython(python, script, url, wl, count));
                        java[rep] = rate(wl, count, runJava(ctx, wl, count));
                    }
                    System.out.printf(Locale.ROOT, "%-16s rep %d/%d  redis %.0f  redis-py %.0f %s%n", wl.id, rep + 1,
                            reps, java[rep], py[rep], unit(wl));
                }
                medians[w][0] = median(java);
                medians[w][1] = median(py);
                md.append(String.format(Locale.ROOT, "| %s (%d items) | %.0f (%.0f–%.0f) | %.0f (%.0f–%.0f) | %s |%n",
                        wl.id, count, medians[w][0], min(java), max(java), medians[w][1], min(py), max(py), unit(wl)));
            }
            md.append('\n').append(String.format(Locale.ROOT,
                    "- 1 → 1 small ints, jbilliard redis / redis-py: %.2f (target ≥ 1)%n"
                            + "- 4 → 4 / its own 1 → 1, jbilliard redis: %.2f (target ≥ 2)%n"
                            + "- 64 KiB bandwidth, jbilliard redis / redis-py: %.2f (target ≥ 0.5)%n",
                    medians[0][0] / medians[0][1], medians[1][0] / medians[0][0], medians[2][0] / medians[2][1]));
            md.append("- load average at start: ").append(loadStart).append("; at end: ").append(loadAverage())
                    .append(" (").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, shared)\n");
            md.append("- ").append(quick ? "quick" : "full").append(": ").append(reps).append(" repetitions\n");
            md.append("- server-side cost over the whole run (`INFO commandstats`: calls, µs per call):");
            try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
                for (String line : j.info("commandstats").split("\r?\n")) {
                    Matcher m = Pattern.compile("cmdstat_(\\w+):calls=(\\d+),usec=(\\d+),usec_per_call=([0-9.]+)")
                            .matcher(line);
                    if (m.find() && List.of("evalsha", "blmove", "exec", "lindex", "lpush", "brpop", "llen")
                            .contains(m.group(1))) {
                        md.append(' ').append(m.group(1)).append(' ').append(m.group(2)).append(" × ")
                                .append(m.group(4)).append(" µs;");
                    }
                }
            }
            md.append('\n');
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        System.out.print(md);
        Path out = Path.of("benchmarks/target/bench");
        if (!Files.isDirectory(Path.of("benchmarks"))) {
            out = Path.of("target/bench");
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("redis-results.md"), md.toString());
        System.exit(0);
    }

    private static String unit(Workload wl) {
        return wl.bytes64k ? "MB/s" : "items/s";
    }

    private static double rate(Workload wl, int count, double seconds) {
        int items = (count / wl.consumers) * wl.consumers;
        return wl.bytes64k ? items * (double) (64 * 1024) / seconds / 1e6 : items / seconds;
    }

    /** One repetition of the Java contender; returns the seconds from release to the last consumer. */
    private static double runJava(RedisContext ctx, Workload wl, int count) throws Exception {
        List<TaskProcess> children = new ArrayList<>();
        try (Queue<Object> q = ctx.queue(0); Queue<String> ready = ctx.queue(0); Queue<String> go = ctx.queue(0);
             Queue<String> done = ctx.queue(0)) {
            for (int i = 0; i < wl.producers; i++) {
                children.add(ctx.process(producer(q, ready, go, count / wl.producers, wl.bytes64k)));
            }
            for (int i = 0; i < wl.consumers; i++) {
                children.add(ctx.process(consumer(q, ready, go, done, count / wl.consumers)));
            }
            for (TaskProcess p : children) {
                p.start();
            }
            for (int i = 0; i < children.size(); i++) {
                ready.get(Duration.ofSeconds(120));
            }
            long start = System.nanoTime();
            for (int i = 0; i < children.size(); i++) {
                go.put("go");
            }
            for (int i = 0; i < wl.consumers; i++) {
                done.get(Duration.ofSeconds(300));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (TaskProcess p : children) {
                if (!p.join(Duration.ofSeconds(60)) || p.exitCode().orElse(-1) != 0) {
                    throw new IllegalStateException(p.name() + " failed: " + p.failure());
                }
            }
            return seconds;
        } finally {
            for (TaskProcess p : children) {
                p.close();
            }
        }
    }

    private static Task producer(Queue<Object> q, Queue<String> ready, Queue<String> go, int n, boolean bytes) {
        return () -> {
            byte[] payload = bytes ? new byte[64 * 1024] : null;
            ready.put("ready");
            go.get();
            for (int i = 0; i < n; i++) {
                q.put(bytes ? payload : Integer.valueOf(i));
            }
        };
    }

    private static Task consumer(Queue<Object> q, Queue<String> ready, Queue<String> go, Queue<String> done, int n) {
        return () -> {
            ready.put("ready");
            go.get();
            for (int i = 0; i < n; i++) {
                q.get();
            }
            done.put("done");
        };
    }

    private static final Pattern SECONDS = Pattern.compile("\"seconds\":\\s*([0-9.eE+-]+)");

    /** One repetition of the redis-py baseline. */
    private static double runPython(String python, Path script, String url, Workload wl, int count)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, script.toString(), url, Integer.toString(wl.producers),
                Integer.toString(wl.consumers), Integer.toString(count), wl.bytes64k ? "64k" : "int")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-py baseline failed: " + out);
        }
        Matcher m = SECONDS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("redis-py baseline printed no result: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static void awaitListening(int port, Process server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("redis-server exited with " + server.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                server.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unavailable";
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
