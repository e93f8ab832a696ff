package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    @Test
    void defaultsRunEverythingInFullWithDebiansPython() {
        BenchConfig config = BenchConfig.parse(new String[0], Map.of());
        assertThat(config.quick()).isFalse();
        assertThat(config.repetitions()).isEqualTo(5);
        assertThat(config.workloads()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Workload.class));
        assertThat(config.jmh()).isTrue();
        assertThat(config.python()).isEqualTo("/usr/bin/python3");
        assertThat(config.failOnError()).isTrue();
    }

    @Test
    void parsesQuickOutputSubsetAndPythonOverride() {
        BenchConfig config = BenchConfig.parse(new String[] {"--quick=true", "--out=/x/bench",
            "--fail-on-error=false", "--only=queue-1to1-int, jmh"}, Map.of("JBILLIARD_PYTHON", "/opt/py/bin/python"));
        assertThat(config.quick()).isTrue();
        assertThat(config.repetitions()).isEqualTo(3);
        assertThat(config.out()).isEqualTo(Path.of("/x/bench"));
        assertThat(config.failOnError()).isFalse();
        assertThat(config.workloads()).containsExactly(Workload.QUEUE_1TO1);
        assertThat(config.jmh()).isTrue();
        assertThat(config.python()).isEqualTo("/opt/py/bin/python");
        assertThat(config.childJvmOptions()).isEmpty();
    }

    @Test
    void childJvmOptionsAreSplitOnWhitespace() {
        BenchConfig config = BenchConfig.parse(new String[] {
            "--child-jvm-options= -XX:StartFlightRecording=filename=x/%p.jfr   -XX:TieredStopAtLevel=4 "}, Map.of());
        assertThat(config.childJvmOptions())
                .containsExactly("-XX:StartFlightRecording=filename=x/%p.jfr", "-XX:TieredStopAtLevel=4");
    }

    @Test
    void rejectsUnknownArgumentsWorkloadsAndFlags() {
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--fast=true"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast=true");
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--only=queue"}, Map.of()))
                .hasMessageContaining("unknown workload 'queue'").hasMessageContaining("queue-1to1-int");
        assertThatThrownBy(() -> BenchConfig.parse(new String[] {"--quick=yes"}, Map.of()))
                .hasMessageContaining("--quick must be true or false");
    }
}
