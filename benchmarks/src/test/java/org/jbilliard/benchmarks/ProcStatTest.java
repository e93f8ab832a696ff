package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void sumsUtimeAndStimeCountingFieldsAfterTheCommandName() {
        String stat = "4242 (java (worker) 1) S 1 4242 4242 0 -1 4194560 1234 0 0 0 250 17 0 0 20 0 31 0 123 0 0";
        assertThat(ProcStat.parseCpuTicks(stat)).isEqualTo(267);
    }

    @Test
    void readsTheCurrentProcess() throws IOException {
        long before = ProcStat.cpuTicks(ProcessHandle.current().pid());
        assertThat(before).isGreaterThanOrEqualTo(0);
        assertThat(ProcStat.cpuTicks(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(before);
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> ProcStat.parseCpuTicks("no parenthesis")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parseCpuTicks("1 (x) S 1 2")).hasMessageContaining("too few fields");
    }
}
