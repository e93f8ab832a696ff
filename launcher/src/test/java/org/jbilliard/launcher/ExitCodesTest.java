package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    private static final long NONE = 0;
    private static final long SENT_TERM = 1L << 15;
    private static final long SENT_KILL = 1L << 9;

    @ParameterizedTest(name = "java {0}, recorded {1}, sent {2} -> {3}")
    @CsvSource({
        // normal statuses pass through, whatever was recorded or sent
        "0,   0, 0,     0",
        "1,   0, 0,     1",
        "7,  -1, 0,     7",
        "128, -1, 0,    128",
        // above 128 with a recorded plain exit and no matching signal from the parent: System.exit(n)
        "137, 0, 0,     137",
        "143, 0, 0,     143",
        // no record: no hook ran, so a signal killed it
        "137, -1, 0,   -9",
        "134, -1, 0,   -6",
        // the JVM's own handler started the shutdown
        "143, 15, 0,   -15",
        "130, 2, 0,    -2",
        // a signal started the shutdown, then SIGKILL ended it
        "137, 15, 0,   -9",
        // the parent sent the signal, even if the child recorded a plain exit (killed during its hooks)
        "137, 0, 512,  -9",
        "143, 0, 32768, -15",
    })
    void derivesBilliardExitCodes(int javaExitValue, int recorded, long sent, int expected) {
        assertThat(ExitCodes.derive(javaExitValue, recorded, sent)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void masksAreTheSignalBits() {
        assertThat(SENT_TERM).isEqualTo(32768);
        assertThat(SENT_KILL).isEqualTo(512);
        assertThat(NONE).isZero();
    }
}
