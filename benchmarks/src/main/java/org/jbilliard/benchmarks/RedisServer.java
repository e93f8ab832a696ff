package org.jbilliard.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * The one {@code redis-server} of a run that both Redis contenders use: started on first use on a
 * free loopback port ({@code --save '' --appendonly no --hz 100}, data directory and log under the
 * output directory's {@code redis/}), stopped by its PID when the run ends.
 *
 * <p>Used from the harness's one thread; not thread-safe. {@link #close()} kills and reaps the
 * server and removes its directory; the log is copied to {@code logs/redis-server.log} first.
 */
final class RedisServer implements AutoCloseable {

    /** The commands whose server-side cost the report lists. */
    private static final List<String> REPORTED_COMMANDS =
            List.of("evalsha", "blmove", "exec", "lpush", "brpop", "rpush", "blpop");
    private static final Pattern COMMAND_STAT =
            Pattern.compile("cmdstat_(\\w+):calls=(\\d+),usec=(\\d+),usec_per_call=([0-9.]+)");

    private final BenchConfig config;
    private Process process;
    private Path dir;
    private int port;

    /**
     * Creates a server that is not started yet.
     *
     * @param config the run's configuration (output directory)
     */
    RedisServer(BenchConfig config) {
        this.config = config;
    }

    /**
     * Returns the server's URI, starting it on first use.
     *
     * @return e.g. {@code redis://127.0.0.1:40123/0}
     * @throws IOException if {@code redis-server} cannot be started or does not answer within 10 s
     */
    String uri() throws IOException {
        if (process == null) {
            start();
        }
        if (!process.isAlive()) {
            throw new IOException("redis-server exited with " + process.exitValue() + "; see " + log());
        }
        return "redis://127.0.0.1:" + port + "/0";
    }

    /**
     * Returns whether the server was started in this run.
     *
     * @return {@code true} once {@link #uri()} started it
     */
    boolean started() {
        return process != null;
    }

    /**
     * Returns the server's version line.
     *
     * @return e.g. {@code "redis-server 7.0.15"}, or why it is unknown
     */
    String version() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Matcher m = Pattern.compile("redis_version:(\\S+)").matcher(jedis.info("server"));
            return m.find() ? "redis-server " + m.group(1) : "redis-server (version not reported)";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Describes the server-side cost of the commands both contenders use, over the whole run, from
     * {@code INFO commandstats}: calls and microseconds per call.
     *
     * @return e.g. {@code "evalsha 78922 × 25.9 µs; lpush 24000 × 1.2 µs"}, or why it is unknown
     */
    String commandStats() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            List<String> parts = new ArrayList<>();
            for (String line : jedis.info("commandstats").split("\r?\n")) {
                Matcher m = COMMAND_STAT.matcher(line);
                if (m.find() && REPORTED_COMMANDS.contains(m.group(1))) {
                    parts.add(String.format(Locale.ROOT, "%s %s × %s µs", m.group(1), m.group(2), m.group(4)));
                }
            }
            return parts.isEmpty() ? "none of " + REPORTED_COMMANDS + " was called" : String.join("; ", parts);
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void start() throws IOException {
        dir = Files.createTempDirectory(Files.createDirectories(config.out().resolve("redis")), "server-");
        port = freePort();
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--hz", "100", "--daemonize", "no", "--dir", dir.toString(),
                "--loglevel", "warning").redirectErrorStream(true).redirectOutput(log().toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(log()).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("redis-server on port " + port + " did not accept a connection within 10 s",
                            e);
                }
                try {
                    process.waitFor(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while starting redis-server", interrupted);
                }
            }
        }
    }

    private Path log() {
        return dir.resolve("server.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Stops the server by its PID (SIGTERM, then SIGKILL after 10 s) and removes its directory. */
    @Override
    public void close() throws IOException {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Path logs = Files.createDirectories(config.out().resolve("logs"));
        if (Files.exists(log())) {
            Files.copy(log(), logs.resolve("redis-server.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
