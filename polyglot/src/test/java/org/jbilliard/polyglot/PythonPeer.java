package org.jbilliard.polyglot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Python participant ({@code polyglot/src/test/python/peer.py}, on Debian's python3 with the
 * repository's {@code python/} package) that a test drives one command line at a time. Every wait is
 * bounded; a Python exception comes back as an {@link AssertionError} carrying its traceback, and
 * the peer's stderr is attached to every failure.
 *
 * <p><b>Thread-safety.</b> One test thread drives a peer; its pipes are drained by threads of its own.
 */
final class PythonPeer implements AutoCloseable {

    static final String PYTHON = System.getenv().getOrDefault("JBILLIARD_PYTHON", "/usr/bin/python3");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final JsonNode ready;

    private PythonPeer(List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(PYTHON);
        command.add(repository().resolve("polyglot/src/test/python/peer.py").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONPATH", repository().resolve("python").toString());
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().putAll(environment);
        process = builder.start();
        stdin = process.getOutputStream();
        drain(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        drain(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
        ready = reply(Duration.ofSeconds(30));
        if (!ready.has("ready")) {
            close();
            throw new AssertionError("python peer did not start: " + ready + "\nstderr:\n" + stderr);
        }
    }

    /** A peer attached by address; {@code codec} may be {@code null} (take the queue's). */
    static PythonPeer attach(String kind, String address, String codec, Map<String, String> environment)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("attach", kind, address));
        if (codec != null) {
            args.add(codec);
        }
        return new PythonPeer(args, environment);
    }

    static PythonPeer attach(String kind, String address) throws IOException {
        return attach(kind, address, null, Map.of());
    }

    /** A peer that creates the queue itself. */
    static PythonPeer create(String kind, String url, int maxsize, String codec) throws IOException {
        return new PythonPeer(List.of("create", kind, url, Integer.toString(maxsize), codec), Map.of());
    }

    /** Starts a peer expected to fail at start; returns its error reply. */
    static JsonNode failingAttach(String kind, String address, String codec) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON,
                repository().resolve("polyglot/src/test/python/peer.py").toString(), "attach", kind, address));
        if (codec != null) {
            command.add(codec);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", repository().resolve("python").toString());
        Process p = builder.start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python peer did not finish");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return JSON.readTree(out.lines().findFirst().orElse("{}"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Path repository() {
        String configured = System.getProperty("jbilliard.repository");
        Path start = configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("python/jbilliard"))) {
                return p;
            }
        }
        throw new AssertionError("no python/jbilliard above " + start);
    }

    private void drain(BufferedReader reader, boolean isStdout) {
        Thread t = new Thread(() -> {
            try (reader) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (isStdout) {
                        replies.add(line);
                    } else {
                        stderr.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "python-peer-" + (isStdout ? "out" : "err"));
        t.setDaemon(true);
        t.start();
    }

    /** The queue's address as the peer reports it. */
    String address() {
        return ready.get("ready").asText();
    }

    long pid() {
        return process.pid();
    }

    /** Sends a command without waiting for its answer (see {@link #reply(Duration)}). */
    void send(String command) {
        try {
            stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("python peer is gone; stderr:\n" + stderr, e);
        }
    }

    /** Waits for the next answer; a Python exception becomes an AssertionError. */
    JsonNode reply(Duration timeout) {
        try {
            String line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no answer from the python peer within " + timeout + "; alive "
                        + process.isAlive() + "; stderr:\n" + stderr);
            }
            return JSON.readTree(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a command and returns its answer, which must not be an error. */
    JsonNode call(String command, Duration timeout) {
        send(command);
        JsonNode answer = reply(timeout);
        if (answer.isObject() && answer.has("error")) {
            throw new AssertionError("python peer: " + command + " raised " + answer.get("error").asText() + ": "
                    + answer.get("message").asText() + (answer.has("trace") ? "\n" + answer.get("trace").asText() : ""));
        }
        return answer;
    }

    JsonNode call(String command) {
        return call(command, Duration.ofSeconds(30));
    }

    /** Sends a command whose answer must be a Python exception of the given type. */
    JsonNode callFailing(String command, String errorType) {
        send(command);
        JsonNode answer = reply(Duration.ofSeconds(30));
        if (!answer.isObject() || !errorType.equals(answer.path("error").asText())) {
            throw new AssertionError("python peer: " + command + " answered " + answer + ", expected " + errorType);
        }
        return answer;
    }

    /** SIGSTOP: the process stops where it is, its socket stays open. */
    void stop() throws Exception {
        signal("STOP");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("python peer " + process.pid() + " survived SIGKILL");
        }
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                try {
                    send("exit");
                } catch (UncheckedIOException e) {
                    // already gone
                }
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
