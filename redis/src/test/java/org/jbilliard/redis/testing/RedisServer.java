package org.jbilliard.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jbilliard.redis.RedisConfig;

/**
 * A real {@code redis-server} child process on a free loopback port, for tests: started with
 * {@code --save '' --appendonly no} (or with an append-only file where a test needs persistence) and
 * {@code --hz 100}, so that short {@code BLMOVE} timeouts return on time; stopped by its PID. It can
 * be killed and restarted on the same port and data directory, and paused with SIGSTOP.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: driven by the test's thread.
 */
public final class RedisServer implements AutoCloseable {

    /** The server binary: {@code redis-server} on the PATH, or the system property {@code jbilliard.redis.server}. */
    public static final String BINARY = System.getProperty("jbilliard.redis.server", "redis-server");

    private final boolean appendOnly;
    private final List<String> extraArgs;
    private final Path dir;
    private final int port;
    private Process process;

    private RedisServer(boolean appendOnly, List<String> extraArgs) throws IOException {
        this.appendOnly = appendOnly;
        this.extraArgs = List.copyOf(extraArgs);
        this.dir = Files.createTempDirectory("jbilliard-redis-test-");
        this.port = freePort();
    }

    /**
     * Starts a server.
     *
     * @param appendOnly whether to keep an append-only file ({@code appendfsync always}) in its directory
     * @return the running server
     * @throws IOException if it cannot be started or does not answer PING within 10 s
     */
    public static RedisServer start(boolean appendOnly) throws IOException {
        return start(appendOnly, List.of());
    }

    /**
     * Starts a server with further options, e.g. {@code --requirepass secret}.
     *
     * @param appendOnly whether to keep an append-only file
     * @param extraArgs  more {@code redis-server} options
     * @return the running server
     * @throws IOException if it cannot be started or does not answer within 10 s
     */
    public static RedisServer start(boolean appendOnly, List<String> extraArgs) throws IOException {
        RedisServer s = new RedisServer(appendOnly, extraArgs);
        try {
            s.launch();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Whether {@code redis-server} can be run here. @return whether it is installed */
    public static boolean installed() {
        try {
            Process p = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--hz", "100", "--daemonize", "no", "--dir", dir.toString(), "--loglevel", "warning",
                "--protected-mode", "no"));
        if (appendOnly) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": " + log());
            }
            if (ping()) {
                return;
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        throw new IOException("redis-server on port " + port + " did not answer PING within 10 s: " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** @return whether the server process is running (possibly paused) */
    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Sends PING on a fresh connection. @return whether PONG came back within 200 ms */
    public boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.readNBytes(b, 0, 7);
            String reply = new String(b, 0, n, StandardCharsets.US_ASCII);
            // A server with a password answers -NOAUTH: it is up all the same.
            return reply.equals("+PONG\r\n") || reply.startsWith("-NOAUTH");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Cuts every client connection, as a network fault or a proxy restart would
     * ({@code CLIENT KILL TYPE normal}; this command's own connection is spared).
     *
     * @return the server's reply, e.g. {@code :3}
     */
    public String cutConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("CLIENT KILL TYPE normal\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder reply = new StringBuilder();
            InputStream in = s.getInputStream();
            for (int c; (c = in.read()) >= 0 && c != '\r'; ) {
                reply.append((char) c);
            }
            return reply.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns how many clients are blocked in a command such as {@code BLMOVE} right now
     * ({@code INFO clients}); tests wait on it instead of sleeping.
     *
     * @return {@code blocked_clients}
     */
    public int blockedClients() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("INFO clients\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder header = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                header.append((char) c);
            }
            int length = Integer.parseInt(header.substring(1).trim());
            String info = new String(in.readNBytes(length), StandardCharsets.US_ASCII);
            for (String line : info.split("\r\n")) {
                if (line.startsWith("blocked_clients:")) {
                    return Integer.parseInt(line.substring("blocked_clients:".length()).trim());
                }
            }
            throw new IllegalStateException("INFO clients without blocked_clients: " + info);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the port */
    public int port() {
        return port;
    }

    /** @return the PID of the current server process */
    public long pid() {
        return process.pid();
    }

    /** @return {@code redis://127.0.0.1:<port>/0} */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** @return a configuration for this server with the default settings */
    public RedisConfig config() {
        return RedisConfig.builder().uri(uri()).build();
    }

    /** Kills the server with SIGKILL and waits for it. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.toHandle().destroyForcibly();
            waitForExit();
        }
    }

    /** Starts the server again on the same port and directory (the append-only file, if any, is replayed). */
    public void restart() throws IOException {
        kill();
        launch();
    }

    /** Stops the server with SIGSTOP: it keeps its connections and answers nothing. */
    public void pause() {
        signal("STOP");
    }

    /** Continues a paused server with SIGCONT. */
    public void resume() {
        if (process != null && process.isAlive()) {
            signal("CONT");
        }
    }

    private void signal(String name) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void waitForExit() {
        boolean interrupted = false;
        while (true) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("redis-server " + process.pid() + " did not exit after SIGKILL");
                }
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server by its PID (continuing it first if paused) and removes its directory. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                resume();
            } catch (RuntimeException e) {
                // killed below anyway
            }
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is reported by nothing; the next run does not depend on it
        }
    }

    @Override
    public String toString() {
        return "redis-server pid " + (process == null ? "-" : process.pid()) + " on " + uri();
    }
}
