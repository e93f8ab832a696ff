package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The parity scenarios on billiard and on the jbilliard Python client (the repository's
 * {@code python/jbilliard}, its queues on a real {@code redis-server} on a free loopback port, stopped by
 * its PID): every scenario must agree or deviate exactly as documented. The scenarios whose id starts with
 * {@code kill-} are left to the conformance run ({@code -Pconformance}): billiard hangs in them until their
 * bounds (about a minute in all); {@code -Djbilliard.pythonClient.scenarios=REGEX} selects others.
 */
class PythonClientParityTest {

    private static final String SELECTION = System.getProperty("jbilliard.pythonClient.scenarios", "^(?!kill-)");

    @Test
    void everyScenarioAgreesWithBilliardOrDeviatesAsDocumented() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        PythonRunner probeRunner;
        Map<String, Object> probe;
        try (PythonRunner r = new PythonRunner(PythonRunner.defaultCommand(), Duration.ofSeconds(30), 1.0)) {
            probeRunner = r;
            probe = probeRunner.probe();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        if (!ci) {
            assumeTrue(probe.get("billiard") != null, "billiard unavailable: " + PythonRunner.INSTALL_HINT);
        }
        Pattern only = Pattern.compile(SELECTION);
        List<Scenario> scenarios = ScenarioLibrary.load().stream().filter(s -> only.matcher(s.id()).find()).toList();
        Map<String, Deviation> java = Deviation.parseAll(ScenarioLibrary.resource("deviations.json"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PythonClientParity run;
        try (PrintStream progress = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            run = PythonClientParity.run(Path.of("..", "python").toAbsolutePath().normalize(),
                    PythonRunner.defaultCommand(), Duration.ofSeconds(30), TimeFactor.get(), scenarios, java, ci,
                    progress);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        if (!ci && run.notRun() != null && run.notRun().startsWith("cannot run")) {
            assumeTrue(false, run.notRun());
        }
        assertThat(run.notRun()).as("why the Python client's half did not run").isNull();
        List<Verdict> verdicts = run.outcome().verdicts();
        String failing = verdicts.stream().filter(Verdict::failing)
                .map(v -> v.scenario().id() + ": " + v.status() + " — " + v.detail() + "\n  billiard: "
                        + Json.write(v.billiard()) + "\n  python:   " + Json.write(v.jbilliard()))
                .collect(Collectors.joining("\n"));
        assertThat(failing).as("scenarios that differ or failed; the run's log:\n" + text).isEmpty();
        assertThat(verdicts).hasSize(scenarios.size());
        assertThat(verdicts.stream().filter(Verdict::stale).map(v -> v.scenario().id()).toList())
                .as("stale Python deviations (documented, no longer differ)").isEmpty();
        assertThat(run.outcome().unknownDeviations()).as("Python deviations naming no scenario").isEmpty();
        // The run compared something: no scenario was skipped, and some agree outright.
        assertThat(verdicts).noneMatch(v -> v.status().equals("skipped"));
        assertThat(verdicts.stream().filter(v -> v.status().equals("agree")).count()).isPositive();
    }
}
