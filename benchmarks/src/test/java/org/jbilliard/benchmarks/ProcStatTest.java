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
    void schedstatGivesNanosecondsOnACpu() throws IOException {
        assertThat(ProcStat.parseSchedstat("1234567890 5555 42\n")).isEqualTo(1_234_567_890L);
        assertThatThrownBy(() -> ProcStat.parseSchedstat("1 2")).hasMessageContaining("not a schedstat line");
        assertThatThrownBy(() -> ProcStat.parseSchedstat("x 2 3")).isInstanceOf(IllegalArgumentException.class);
        long before = ProcStat.cpuNanos(ProcessHandle.current().pid());
        long spin = System.nanoTime();
        while (System.nanoTime() - spin < 20_000_000L) {
            Thread.onSpinWait();
        }
        // at least part of the 20 ms spin shows, however loaded the machine
        assertThat(ProcStat.cpuNanos(ProcessHandle.current().pid())).isGreaterThan(before);
    }

    @Test
    void rejectsOtherText() {
        assertThatThrownBy(() -> ProcStat.parseCpuTicks("no parenthesis")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parseCpuTicks("1 (x) S 1 2")).hasMessageContaining("too few fields");
    }
}
