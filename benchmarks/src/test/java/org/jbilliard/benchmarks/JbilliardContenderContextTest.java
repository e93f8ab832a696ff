package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.jbilliard.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's class path holds more than one {@link Context} (the reference and Redis), so the
 * jbilliard contender must name the one it measures: with {@link Context#load()} every jbilliard
 * workload of a benchmark run failed before it started.
 */
class JbilliardContenderContextTest {

    @TempDir
    Path out;

    @Test
    void theDefaultContenderMeasuresTheReferenceImplementationAlthoughSeveralContextsAreOnTheClassPath() {
        BenchConfig config = new BenchConfig(true, out, "/usr/bin/python3", true, EnumSet.allOf(Workload.class),
                false, List.of());
        assertThat(new JbilliardContender(config).context().name()).isEqualTo("reference");
    }
}
