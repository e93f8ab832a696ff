package org.jbilliard.parity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs scenarios on Python billiard through {@code jbilliard_parity/runner.py} (shipped on the class
 * path), one Python process per scenario; or, made by {@link #forPythonClient}, on the jbilliard Python
 * client's queues (on a Redis server), the scenario's processes still being billiard's.
 *
 * <p>The interpreter is {@code /usr/bin/python3} unless the environment variable
 * {@code JBILLIARD_PYTHON} names another command. The runner script puts itself in a new process
 * group; if it has not finished within the scenario's bound (times the time factor, plus a grace
 * for interpreter start-up), the whole group is killed with SIGKILL — billiard children included —
 * and the scenario is reported as a hang "cut off after N s". Step-level hangs are recorded by the
 * script itself.
 *
 * <p><b>Thread-safety.</b> One scenario at a time per runner; {@link #close()} removes the extracted
 * script.
 */
public final class PythonRunner implements ScenarioRunner, AutoCloseable {

    /** How to install billiard, shown wherever it is missing. */
    public static final String INSTALL_HINT = "apt-get install python3-billiard (Debian's /usr/bin/python3) "
            + "or pip install billiard (and point JBILLIARD_PYTHON at that python)";

    /** Time for interpreter start-up and clean-up on top of a scenario's bound. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final List<String> command;
    private final Path workDir;
    private final Path script;
    private final Duration stepBound;
    private final double factor;
    private final Duration grace;
    /** {@code null} for billiard's own queues, else the runner's {@code implementation} setting. */
    private final Map<String, Object> implementation;
    private final String label;
    private String version;

    /**
     * Extracts the runner script and prepares to run it.
     *
     * @param command   the interpreter command, e.g. {@code [/usr/bin/python3]}
     * @param stepBound the default bound of a blocking step (before the time factor)
     * @param factor    the time factor
     * @throws IOException if the script cannot be extracted
     */
    public PythonRunner(List<String> command, Duration stepBound, double factor) throws IOException {
        this(command, stepBound, factor, DEFAULT_GRACE);
    }

    PythonRunner(List<String> command, Duration stepBound, double factor, Duration grace) throws IOException {
        this(command, stepBound, factor, grace, null);
    }

    private PythonRunner(List<String> command, Duration stepBound, double factor, Duration grace,
                         Map<String, Object> implementation) throws IOException {
        this.implementation = implementation;
        this.label = implementation == null ? "billiard" : "jbilliard-python";
        this.grace = grace;
        this.command = List.copyOf(command);
        this.stepBound = stepBound;
        this.factor = factor;
        this.workDir = Files.createTempDirectory("jbilliard-parity-py-");
        this.script = workDir.resolve("runner.py");
        Files.writeString(script, ScenarioLibrary.resource("jbilliard_parity/runner.py"));
    }

    /**
     * Prepares to run scenarios on the jbilliard Python client: its {@code Queue}, {@code JoinableQueue}
     * and {@code SimpleQueue} on {@code redisUrl}, imported from {@code packageDir} (the repository's
     * {@code python} directory); the processes are billiard's {@code Process}.
     *
     * @param command    the interpreter command (it needs billiard, redis-py and cbor2)
     * @param stepBound  the default bound of a blocking step (before the time factor)
     * @param factor     the time factor
     * @param redisUrl   the server the queues are created on
     * @param packageDir the directory holding the {@code jbilliard} package
     * @return the runner
     * @throws IOException if the script cannot be extracted
     */
    public static PythonRunner forPythonClient(List<String> command, Duration stepBound, double factor,
                                               String redisUrl, Path packageDir) throws IOException {
        Map<String, Object> impl = new LinkedHashMap<>();
        impl.put("url", redisUrl);
        impl.put("path", packageDir.toAbsolutePath().toString());
        return new PythonRunner(command, stepBound, factor, DEFAULT_GRACE, impl);
    }

    /** @return {@code billiard}, or {@code jbilliard-python} for the Python client */
    public String label() {
        return label;
    }

    /**
     * Returns the interpreter command: {@code JBILLIARD_PYTHON} split on spaces, else {@code /usr/bin/python3}.
     *
     * @return the command
     */
    public static List<String> defaultCommand() {
        String env = System.getenv("JBILLIARD_PYTHON");
        return env == null || env.isBlank() ? List.of("/usr/bin/python3") : List.of(env.trim().split("\\s+"));
    }

    /**
     * Asks the interpreter for its version and billiard's (for the Python client: the client's, redis-py's
     * and cbor2's).
     *
     * @return {@code python}, {@code billiard} (null if missing) or {@code jbilliard} (null if it cannot be
     *         imported), and, on failure, {@code error}
     */
    public Map<String, Object> probe() {
        Map<String, Object> info = new LinkedHashMap<>();
        List<String> cmd = new ArrayList<>(command);
        cmd.add(script.toString());
        if (implementation == null) {
            cmd.add("--probe");
        } else {
            cmd.add("--probe-client");
            cmd.add(String.valueOf(implementation.get("path")));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                info.put("error", "python probe did not finish within 30 s");
                return info;
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            try {
                info.putAll(Json.parseObject(text.substring(text.lastIndexOf('\n') + 1)));
            } catch (IllegalArgumentException e) {
                info.put("error", "unexpected probe output: " + text);
            }
        } catch (IOException e) {
            info.put("error", "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            info.put("error", "interrupted");
        }
        Object v = info.get(implementation == null ? "billiard" : "jbilliard");
        version = v == null ? null : v.toString();
        return info;
    }

    @Override
    public RawResult run(Scenario scenario) {
        long start = System.nanoTime();
        Path spec = workDir.resolve(scenario.id() + ".json");
        Path result = workDir.resolve(scenario.id() + ".result.json");
        Path stderr = workDir.resolve(scenario.id() + ".stderr");
        try {
            Map<String, Object> specJson = new LinkedHashMap<>();
            specJson.put("scenario", scenario.raw());
            specJson.put("step_bound", stepBound.toNanos() / 1e9 * factor);
            specJson.put("workdir", workDir.toString());
            if (implementation != null) {
                specJson.put("implementation", implementation);
            }
            Files.writeString(spec, Json.write(specJson));
            List<String> cmd = new ArrayList<>(command);
            cmd.add(script.toString());
            cmd.add(spec.toString());
            cmd.add(result.toString());
            Process process = new ProcessBuilder(cmd)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            double boundSeconds = scenario.boundSeconds() * factor;
            long boundNanos = (long) (boundSeconds * 1e9) + grace.toNanos();
            if (!process.waitFor(boundNanos, TimeUnit.NANOSECONDS)) {
                killGroup(process);
                return RawResult.failed(label, version, "hang",
                        label + ": hangs, cut off after " + Math.round(boundNanos / 1e9) + " s",
                        (System.nanoTime() - start) / 1_000_000);
            }
            if (!Files.exists(result)) {
                return RawResult.failed(label, version, "error",
                        "the Python runner exited with " + process.exitValue() + " and no result: "
                                + tail(stderr), (System.nanoTime() - start) / 1_000_000);
            }
            return RawResult.fromJson(Json.parseObject(Files.readString(result)));
        } catch (IOException | IllegalArgumentException e) {
            return RawResult.failed(label, version, "error", "Python runner failed: " + e,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RawResult.failed(label, version, "error", "interrupted", 0);
        } finally {
            for (Path p : List.of(spec, result, stderr)) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // removed with the work dir on close
                }
            }
        }
    }

    /**
     * Kills a runner and everything it started: its process group (the script made itself group
     * leader), then any descendant that left the group, then the runner itself.
     */
    static void killGroup(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // fall back to the handles below
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle d : descendants) {
            d.onExit().toCompletableFuture().completeOnTimeout(d, 10, TimeUnit.SECONDS).join();
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "";
            return text.length() > 2000 ? "…" + text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    /** @return the directory holding the extracted script and per-scenario files */
    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        JavaRunner.deleteTree(workDir);
    }
}
