package org.jbilliard.reference.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jbilliard.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SIGKILL chaos against the reference queues (BEHAVIOUR rows 19–22): the seeded quick form on every
 * build, and the large form ({@code -Pchaos}, {@code jbilliard.chaos.kills} ≥ 200). Both write
 * {@code target/chaos/report.json}; {@code -Djbilliard.chaos.seed=N} reproduces a run's schedule.
 */
class QuickChaosTest {

    private static final long DEFAULT_SEED = 20_261_125L;

    @Test
    @Timeout(150)
    @DisabledIfSystemProperty(named = "jbilliard.chaos.kills", matches = "\\d+",
            disabledReason = "the large run replaces the quick one and owns target/chaos/report.json")
    void quickChaosLeavesNoHangNoCorruptionNoDuplicateAndOnlyAttributableLosses() throws Exception {
        long seed = Long.getLong("jbilliard.chaos.seed", DEFAULT_SEED);
        ChaosReport report = runAndReport(ChaosConfig.quick(seed), 2, 3.0);
        assertClean(report);
    }

    @Test
    @EnabledIfSystemProperty(named = "jbilliard.chaos.kills", matches = "\\d+")
    @Timeout(3600)
    void soakChaosWithHundredsOfKills() throws Exception {
        long seed = Long.getLong("jbilliard.chaos.seed", System.nanoTime());
        int kills = Integer.getInteger("jbilliard.chaos.kills");
        int stops = Integer.getInteger("jbilliard.chaos.stops", kills / 2);
        ChaosReport report = runAndReport(ChaosConfig.soak(seed, kills, stops), 10, 5.0);
        assertThat(report.kills).as("kills sent").isGreaterThanOrEqualTo(kills);
        assertThat(report.stops).as("SIGSTOP/SIGCONT pairs sent").isGreaterThanOrEqualTo(stops);
        assertClean(report);
    }

    private static ChaosReport runAndReport(ChaosConfig config, int billiardRuns, double billiardBound)
            throws Exception {
        Path logs = Files.createTempDirectory("jbilliard-chaos-");
        try {
            ChaosReport report = new ChaosRunner(Context.load(), config, logs).run();
            report.billiard = BilliardChaos.run(config.seed(), billiardRuns, billiardBound);
            report.write(Path.of("target", "chaos", "report.json"));
            System.out.println(report.summary());
            return report;
        } finally {
            try (Stream<Path> files = Files.walk(logs)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void assertClean(ChaosReport report) {
        assertThat(report.problems).as(report.summary()).isEmpty();
        assertThat(report.hangs).as("hangs").isZero();
        assertThat(report.corrupted).as("corrupted").isZero();
        assertThat(report.duplicated).as("duplicated").isZero();
        assertThat(report.lost).as("every lost item belongs to a killed holder").isEqualTo(report.lostAttributable);
        assertThat(report.qsizeAfter).as("qsize after the drain").isZero();
        assertThat(report.emptyAfter).as("empty() after the drain").isTrue();
        assertThat(report.fullAfter).as("full() after the drain").isFalse();
        assertThat(report.delivered).as("items delivered").isPositive();
    }
}
