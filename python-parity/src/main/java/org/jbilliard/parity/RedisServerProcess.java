package org.jbilliard.parity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} child process on a free loopback port, without persistence, for the Python
 * client's half of the parity run: started by {@link #start()}, stopped by its PID in {@link #close()}.
 *
 * <p>The binary is {@code redis-server} on the PATH unless the environment variable
 * {@code JBILLIARD_REDIS_SERVER} names another.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: owned by the thread that runs the parity run.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dir;

    private RedisServerProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** @return the server binary to run */
    public static String binary() {
        String env = System.getenv("JBILLIARD_REDIS_SERVER");
        return env == null || env.isBlank() ? "redis-server" : env.trim();
    }

    /**
     * Starts a server and waits until it answers PING.
     *
     * @return the running server
     * @throws IOException if it cannot be started or does not answer within 10 s (the message says why)
     */
    public static RedisServerProcess start() throws IOException {
        Path dir = Files.createTempDirectory("jbilliard-parity-redis-");
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        Process p;
        try {
            p = new ProcessBuilder(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--hz", "100", "--daemonize", "no", "--dir", dir.toString(),
                    "--loglevel", "warning", "--protected-mode", "no"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            JavaRunner.deleteTree(dir);
            throw new IOException("cannot run " + binary() + " (apt-get install redis-server, or point"
                    + " JBILLIARD_REDIS_SERVER at it): " + e.getMessage(), e);
        }
        RedisServerProcess server = new RedisServerProcess(p, port, dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IOException("redis-server exited with " + p.exitValue() + ": " + server.log());
                }
                if (server.ping()) {
                    return server;
                }
                p.waitFor(20, TimeUnit.MILLISECONDS);
            }
            throw new IOException("redis-server on port " + port + " did not answer PING within 10 s: " + server.log());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        } catch (InterruptedException e) {
            server.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting redis-server", e);
        }
    }

    /** @return {@code redis://127.0.0.1:<port>/0} */
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** @return the server's PID */
    public long pid() {
        return process.pid();
    }

    private boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server by its PID (SIGKILL: nothing is persisted) and removes its directory. */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JavaRunner.deleteTree(dir);
    }
}
