package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workloads that compare the two start-up profiles run real child JVMs of the reference
 * implementation (a thread-based context would ignore the profile) and report their figure.
 */
class ProcessProfileWorkloadsTest {

    @TempDir
    Path out;

    @Test
    void bothProfilesReportStartUpAndTheCpuBoundTasksTime() throws Exception {
        BenchConfig config = new BenchConfig(true, out, "/usr/bin/python3", true, EnumSet.allOf(Workload.class),
                false, List.of());
        JbilliardContender contender = new JbilliardContender(config, ReferenceContext::new);
        assertThat(contender.runOnce(Workload.STARTUP_PEAK)).containsOnlyKeys(Metric.START_P50)
                .allSatisfy((metric, ms) -> assertThat(ms).isPositive());
        Map<Metric, Double> fast = contender.runOnce(Workload.CPU_TASK_FAST);
        Map<Metric, Double> peak = contender.runOnce(Workload.CPU_TASK_PEAK);
        assertThat(fast).containsOnlyKeys(Metric.TASK_TIME);
        assertThat(peak).containsOnlyKeys(Metric.TASK_TIME);
        assertThat(fast.get(Metric.TASK_TIME)).isPositive();
        assertThat(peak.get(Metric.TASK_TIME)).isPositive();
    }
}
