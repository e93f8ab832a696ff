package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped baselines end to end with quick counts: rawpipe.c compiles and its output parses, and
 * billiard_bench.py runs under the configured interpreter. Skipped where {@code cc} or billiard is
 * missing.
 */
@Timeout(120)
class BaselinesSmokeTest {

    @TempDir
    Path out;

    private BenchConfig config() {
        String python = System.getenv().getOrDefault("JBILLIARD_PYTHON", BenchConfig.DEFAULT_PYTHON);
        return new BenchConfig(true, out, python, true, EnumSet.allOf(Workload.class), false, List.of());
    }

    @Test
    void rawPipeMeasuresFramesBlocksAndRoundTrips() throws Exception {
        assumeTrue(available("cc", "--version"), "no C compiler");
        RawPipeBaseline raw = new RawPipeBaseline(config());
        assertThat(raw.runOnce(Workload.QUEUE_1TO1).get(Metric.THROUGHPUT)).isPositive();
        Map<Metric, Double> bytes = raw.runOnce(Workload.BYTES_64K);
        assertThat(bytes).containsOnlyKeys(Metric.THROUGHPUT, Metric.BANDWIDTH, Metric.BANDWIDTH_LARGE_BLOCK);
        Map<Metric, Double> pingPong = raw.runOnce(Workload.PINGPONG_SIMPLE);
        assertThat(pingPong.get(Metric.RTT_P50)).isPositive().isLessThanOrEqualTo(pingPong.get(Metric.RTT_P99));
        assertThat(out.resolve("native/rawpipe")).isExecutable();
    }

    @Test
    void agronaAnchorMovesIntsAndLargeItemsAndRoundTrips() throws Exception {
        AgronaAnchor anchor = new AgronaAnchor(config());
        assertThat(anchor.runOnce(Workload.QUEUE_1TO1).get(Metric.THROUGHPUT)).isPositive();
        Map<Metric, Double> large = anchor.runOnce(Workload.BYTES_1M);
        assertThat(large).containsOnlyKeys(Metric.THROUGHPUT, Metric.BANDWIDTH);
        Map<Metric, Double> pingPong = anchor.runOnce(Workload.PINGPONG_QUEUE);
        assertThat(pingPong.get(Metric.RTT_P50)).isPositive().isLessThanOrEqualTo(pingPong.get(Metric.RTT_P99));
        try (var shm = Files.list(Path.of("/dev/shm"))) {
            assertThat(shm.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("jbilliard-bench-agrona-" + ProcessHandle.current().pid() + "-"));
        }
        try (var logs = Files.list(out.resolve("logs"))) {
            // NOTE: a JVM warning (e.g. about sun.misc.Unsafe) would mean the children lack an option.
            for (Path log : logs.toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain("WARNING");
            }
        }
    }

    @Test
    void billiardScriptReportsItsVersionAndAThroughput() throws Exception {
        BenchConfig config = config();
        assumeTrue(available(config.python(), "-c", "import billiard"), "no billiard for " + config.python());
        BilliardBaseline billiard = new BilliardBaseline(config);
        assertThat(billiard.version()).startsWith("billiard ").contains("Python ");
        assertThat(billiard.runOnce(Workload.SIMPLE_1TO1).get(Metric.THROUGHPUT)).isPositive();
        try (var logs = Files.list(out.resolve("logs"))) {
            assertThat(logs).isNotEmpty();
        }
    }

    private static boolean available(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
