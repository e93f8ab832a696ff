package org.jbilliard.parity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Python client's half of the parity run: the scenarios on billiard and on the jbilliard Python
 * client ({@code python/jbilliard}, its queues on a {@code redis-server} started for the run on a free
 * loopback port and stopped by its PID), judged against {@code deviations-python.json}, or, for a
 * scenario that file does not name, against the Java context's {@code deviations.json}.
 *
 * <p>Every scenario applies: the client offers billiard's queues, not its processes, so a scenario's
 * processes are billiard's own {@code Process} (forked, billiard's default), holding the client's queues,
 * as a Python user's would; no scenario uses a Java task or a step without a billiard meaning.
 *
 * <p><b>Thread-safety.</b> {@link #run} runs the scenarios one after another in the calling thread; it
 * blocks for at most each scenario's bound, twice, plus clean-up.
 *
 * @param outcome     the verdicts, or {@code null} if the half could not run
 * @param environment what ran: {@code client} (the package's version), {@code redisServer}, or {@code error}
 * @param notRun      why the half did not run, or {@code null}
 * @param deviations  the Python client's own documented deviations ({@value #DEVIATIONS})
 */
public record PythonClientParity(ParityRun.Outcome outcome, Map<String, Object> environment, String notRun,
                                 Map<String, Deviation> deviations) {

    /** The Python client's documented deviations, on the class path. */
    public static final String DEVIATIONS = "deviations-python.json";

    /**
     * Runs the half.
     *
     * @param packageDir     the directory holding the {@code jbilliard} package (the repository's {@code python})
     * @param python         the interpreter command (billiard, redis-py and cbor2 importable)
     * @param stepBound      the default bound of a blocking step (before the time factor)
     * @param factor         the time factor
     * @param scenarios      the scenarios to run
     * @param javaDeviations the Java context's deviations
     * @param ci             whether a missing billiard is an error
     * @param progress       where progress lines go
     * @return the outcome; {@link #notRun()} says why when the server or the client is unavailable
     */
    public static PythonClientParity run(Path packageDir, List<String> python, Duration stepBound, double factor,
                                         List<Scenario> scenarios, Map<String, Deviation> javaDeviations, boolean ci,
                                         PrintStream progress) {
        Map<String, Object> env = new LinkedHashMap<>();
        Map<String, Deviation> own = Deviation.parseAll(ScenarioLibrary.resource(DEVIATIONS), "python");
        if (!Files.isRegularFile(packageDir.resolve("jbilliard").resolve("__init__.py"))) {
            return new PythonClientParity(null, env, "no jbilliard Python package in " + packageDir, own);
        }
        try (RedisServerProcess server = RedisServerProcess.start();
             PythonRunner billiard = new PythonRunner(python, stepBound, factor);
             PythonRunner client = PythonRunner.forPythonClient(python, stepBound, factor, server.url(), packageDir)) {
            env.put("redisServer", RedisServerProcess.binary() + " pid " + server.pid() + " on " + server.url());
            Map<String, Object> probe = client.probe();
            if (probe.get("jbilliard") == null) {
                return new PythonClientParity(null, env, "the jbilliard Python client cannot be imported from "
                        + packageDir + " by " + String.join(" ", python) + ": " + probe.get("error")
                        + " (it needs redis-py and cbor2: apt-get install python3-redis python3-cbor2)", own);
            }
            env.put("client", "jbilliard " + probe.get("jbilliard") + " (" + packageDir + "), redis-py "
                    + probe.get("redis") + ", cbor2 " + probe.get("cbor2"));
            Map<String, Object> billiardProbe = billiard.probe();
            String missing = billiardProbe.get("billiard") != null ? null
                    : String.valueOf(billiardProbe.getOrDefault("error", "billiard is not importable"));
            progress.println("python client: " + scenarios.size() + " scenarios, billiard vs jbilliard-python on "
                    + server.url());
            ParityRun.Outcome ran = ParityRun.runPythonClient(scenarios, missing == null ? billiard : null, missing,
                    ci, client, javaDeviations, own, progress);
            // A selection of scenarios leaves the others' deviations unused; only one naming no scenario at all is a mistake.
            Set<String> known = ScenarioLibrary.load().stream().map(Scenario::id).collect(Collectors.toSet());
            ParityRun.Outcome outcome = new ParityRun.Outcome(ran.verdicts(), own.keySet().stream()
                    .filter(id -> !known.contains(id)).collect(Collectors.toCollection(TreeSet::new)));
            return new PythonClientParity(outcome, env, null, own);
        } catch (IOException e) {
            return new PythonClientParity(null, env, e.getMessage(), own);
        }
    }
}
