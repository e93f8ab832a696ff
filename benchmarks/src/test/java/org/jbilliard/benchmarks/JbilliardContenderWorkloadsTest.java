package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jbilliard.dummy.DummyContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jbilliard workloads' orchestration (readiness, release, reports, counts) on the dummy context, whose
 * processes are threads; the numbers mean nothing here, only that each workload completes and
 * reports its metrics.
 */
@Timeout(60)
class JbilliardContenderWorkloadsTest {

    @TempDir
    Path out;

    private JbilliardContender contender() {
        BenchConfig config = new BenchConfig(true, out, "/usr/bin/python3", true, EnumSet.allOf(Workload.class), false, List.of());
        return new JbilliardContender(config, DummyContext::new);
    }

    @Test
    void throughputWorkloadsMoveEveryItem() throws Exception {
        JbilliardContender contender = contender();
        for (Workload workload : EnumSet.of(Workload.QUEUE_1TO1, Workload.QUEUE_4TO4, Workload.SIMPLE_1TO1,
                Workload.JOINABLE_1TO1)) {
            assertThat(contender.runOnce(workload)).as(workload.id())
                    .containsOnlyKeys(Metric.THROUGHPUT).allSatisfy((metric, value) -> assertThat(value).isPositive());
        }
        Map<Metric, Double> bytes = contender.runOnce(Workload.BYTES_64K);
        assertThat(bytes.get(Metric.BANDWIDTH)).isEqualTo(bytes.get(Metric.THROUGHPUT) * 65536 / 1e6);
    }

    @Test
    void pingPongReportsPercentilesInOrder() throws Exception {
        for (Workload workload : EnumSet.of(Workload.PINGPONG_SIMPLE, Workload.PINGPONG_QUEUE)) {
            Map<Metric, Double> figures = contender().runOnce(workload);
            assertThat(figures).containsOnlyKeys(Metric.RTT_P50, Metric.RTT_P99);
            assertThat(figures.get(Metric.RTT_P50)).isPositive().isLessThanOrEqualTo(figures.get(Metric.RTT_P99));
        }
    }

    @Test
    void startupAndIdleCpuAreMeasured() throws Exception {
        JbilliardContender contender = contender();
        assertThat(contender.runOnce(Workload.STARTUP).get(Metric.START_P50)).isGreaterThanOrEqualTo(0);
        assertThat(contender.runOnce(Workload.IDLE_CPU).get(Metric.IDLE_CPU)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aContextThatCannotBeLoadedIsAClearFailure() {
        BenchConfig config = new BenchConfig(true, out, "/usr/bin/python3", true, EnumSet.allOf(Workload.class), false, List.of());
        JbilliardContender contender = new JbilliardContender(config, () -> {
            throw new IllegalStateException("no jbilliard Context implementation on the class path");
        });
        assertThatThrownBy(() -> contender.runOnce(Workload.QUEUE_1TO1))
                .satisfies(e -> assertThat(JbilliardContender.describe(e)).isEqualTo(
                        "jbilliard: IllegalStateException: the reference implementation's Context is not available yet"
                        + " (no jbilliard Context implementation on the class path)"));
    }
}
