package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonRunnerTest {

    private static final double FACTOR = TimeFactor.get();

    private static Scenario scenario(String json) {
        return Scenario.parse(Json.parseObject(json));
    }

    private static boolean billiardAvailable() throws IOException {
        try (PythonRunner r = new PythonRunner(PythonRunner.defaultCommand(), Duration.ofSeconds(5), FACTOR)) {
            return r.probe().get("billiard") != null;
        }
    }

    @Test
    void aRunnerThatHangsIsCutOffWithinItsBoundAndItsProcessGroupIsKilled(@TempDir Path dir) throws Exception {
        // A stand-in interpreter that starts a child and never finishes: $3 is the result path.
        Path fake = dir.resolve("hanging-python.sh");
        Files.writeString(fake, "sleep 300 &\necho $! > \"$3.pid\"\nwait\n");
        try (PythonRunner runner = new PythonRunner(List.of("/bin/sh", fake.toString()), Duration.ofSeconds(1), FACTOR,
                Duration.ofMillis(500))) {
            long start = System.nanoTime();
            RawResult r = runner.run(scenario("{\"id\":\"hangs\",\"bound\":1,\"main\":[]}"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.status()).isEqualTo("hang");
            assertThat(r.message()).startsWith("billiard: hangs, cut off after");
            assertThat(took).isLessThan(Duration.ofMillis((long) (1500 * FACTOR) + 8000));
            long child = Long.parseLong(Files.readString(runner.workDir().resolve("hangs.result.json.pid")).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(child);
            assertThat(handle.map(ProcessHandle::isAlive).orElse(false)).as("the runner's child %d was killed", child).isFalse();
        }
    }

    @Test
    void aMissingInterpreterIsReportedNotThrown() throws IOException {
        try (PythonRunner runner = new PythonRunner(List.of("/nonexistent/python3"), Duration.ofSeconds(1), FACTOR)) {
            Map<String, Object> probe = runner.probe();
            assertThat(probe.get("billiard")).isNull();
            assertThat(String.valueOf(probe.get("error"))).contains("cannot run /nonexistent/python3");
            RawResult r = runner.run(scenario("{\"id\":\"x\",\"main\":[]}"));
            assertThat(r.status()).isEqualTo("error");
        }
    }

    @Test
    void theSeedsExceptionsExampleOnRealBilliard() throws IOException {
        assumeTrue(billiardAvailable(), "billiard not installed: " + PythonRunner.INSTALL_HINT);
        try (PythonRunner runner = new PythonRunner(PythonRunner.defaultCommand(), Duration.ofSeconds(5), FACTOR)) {
            assertThat(String.valueOf(runner.probe().get("billiard"))).matches("\\d+\\.\\d+.*");
            Scenario s = ScenarioLibrary.load().stream().filter(x -> x.id().equals("seed-example-exceptions")).findFirst()
                    .orElseThrow();
            RawResult r = runner.run(s);
            assertThat(r.status()).as(r.message()).isEqualTo("completed");
            assertThat(Json.write(Views.compute(s, r).get("main"))).isEqualTo("{\"main\":[{\"step\":\"put\",\"ok\":null},"
                    + "{\"step\":\"put\",\"ok\":null},{\"step\":\"put_nowait\",\"error\":\"full\"},"
                    + "{\"step\":\"get_nowait\",\"ok\":\"item1\"},{\"step\":\"get_nowait\",\"ok\":\"item2\"},"
                    + "{\"step\":\"get_nowait\",\"error\":\"empty\"},{\"step\":\"put\",\"ok\":null},"
                    + "{\"step\":\"get\",\"ok\":\"timeout_test\"},{\"step\":\"get\",\"error\":\"empty\"}]}");
        }
    }

    @Test
    void aBilliardStepThatHangsIsRecordedAndTheScenarioStillEnds() throws IOException {
        assumeTrue(billiardAvailable(), "billiard not installed: " + PythonRunner.INSTALL_HINT);
        try (PythonRunner runner = new PythonRunner(PythonRunner.defaultCommand(), Duration.ofSeconds(5), FACTOR)) {
            runner.probe();
            long start = System.nanoTime();
            RawResult r = runner.run(scenario("{\"id\":\"step-hang\",\"queues\":{\"q\":{\"kind\":\"joinable\"}},\"main\":["
                    + "{\"op\":\"put\",\"q\":\"q\",\"item\":1},{\"op\":\"join\",\"q\":\"q\",\"bound\":0.5},"
                    + "{\"op\":\"qsize\",\"q\":\"q\"}]}"));
            assertThat(r.status()).as(r.message()).isEqualTo("completed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis((long) (500 * FACTOR) + 8000));
            assertThat(Json.write(r.processes().get("main").trace())).isEqualTo("[{\"step\":\"put\",\"ok\":null},"
                    + "{\"step\":\"join\",\"hang\":true,\"bound\":0.5},{\"step\":\"qsize\",\"ok\":1}]");
        }
    }

    @Test
    void aBilliardRunPastTheScenarioBoundIsCutOff() throws IOException {
        assumeTrue(billiardAvailable(), "billiard not installed: " + PythonRunner.INSTALL_HINT);
        try (PythonRunner runner = new PythonRunner(PythonRunner.defaultCommand(), Duration.ofSeconds(60), FACTOR,
                Duration.ofSeconds(2))) {
            long start = System.nanoTime();
            RawResult r = runner.run(scenario("{\"id\":\"whole-hang\",\"bound\":1,\"queues\":{\"q\":{}},"
                    + "\"processes\":[{\"name\":\"child\",\"steps\":[{\"op\":\"get\",\"q\":\"q\"}]}],"
                    + "\"main\":[{\"op\":\"start\",\"proc\":\"child\"},{\"op\":\"join_process\",\"proc\":\"child\"}]}"));
            assertThat(r.status()).isEqualTo("hang");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis((long) (3000 * FACTOR) + 8000));
        }
    }
}
