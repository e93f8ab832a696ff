package org.jbilliard.reference.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos judge itself: each verdict it gives must be able to come out the other way. */
class ChaosLedgerTest {

    @TempDir
    Path logs;

    @Test
    void lossesAreAttributedToKilledProducersFirstThenOnePerConsumerKill() throws IOException {
        Files.writeString(logs.resolve("producer-0-0.log"), "put 0/0/0\nput 0/0/1\nput 0/0/2\n");
        Files.writeString(logs.resolve("producer-1-0.log"), "put 1/0/0\nput 1/0/1\ndone\n");
        Files.writeString(logs.resolve("consumer-0-0.log"), "got 0/0/0 q\ngot 1/0/0 j\nexit\n");

        ChaosLedger withOneConsumerKill = ChaosLedger.judge(logs, Set.of("0/0", "1/0"), Set.of("0/0"), 1, 50_000);
        assertThat(withOneConsumerKill.lost).isEqualTo(3);
        assertThat(withOneConsumerKill.lostAttributable).isEqualTo(3);
        assertThat(withOneConsumerKill.problems).isEmpty();

        ChaosLedger withoutConsumerKill = ChaosLedger.judge(logs, Set.of("0/0", "1/0"), Set.of("0/0"), 0, 50_000);
        assertThat(withoutConsumerKill.lostAttributable).isEqualTo(2);
        assertThat(withoutConsumerKill.problems).containsExactly("lost without a killed holder: 1/0/1");
    }

    @Test
    void duplicatesCorruptionForgedItemsAndLateCallsAreCounted() throws IOException {
        Files.writeString(logs.resolve("producer-0-0.log"), "call put 100000 1 900000 ok\nput 0/0/0\n"
                + "call put 100000 5 120000 ok\n");
        Files.writeString(logs.resolve("consumer-0-0.log"), "got 0/0/0 q get 100000 0 1000\n"
                + "call get 100000 2000 120000 empty\ncall get 100000 4000 190000 empty\n");
        Files.writeString(logs.resolve("consumer-1-0.log"),
                "got 0/0/0 q\ncorrupt item of 7 bytes\ngot 5/3/1 q\n");

        ChaosLedger ledger = ChaosLedger.judge(logs, Set.of("0/0"), Set.of(), 0, 50_000);
        assertThat(ledger.duplicated).isEqualTo(1);
        assertThat(ledger.corrupted).as("a corrupt line and an item from a producer that never ran").isEqualTo(2);
        assertThat(ledger.calls.late).as("the one call 90 ms past its timeout").isEqualTo(1);
        assertThat(ledger.maxEmptyOverrunMicros).isEqualTo(90_000);
        assertThat(ledger.calls.calls()).as("each process's first call of a kind is not judged").isEqualTo(3);
        assertThat(ledger.calls.firstOfKind).isEqualTo(2);
        assertThat(ledger.calls.maxMicros()).isEqualTo(90_000);
        assertThat(ledger.calls.maxMicros("put")).isEqualTo(20_000);
        assertThat(ledger.calls.p99Micros("get")).isEqualTo(90_000);
        assertThat(ledger.lost).isZero();
    }

    @Test
    void callsOfAStoppedProcessDuringItsStopAreCountedApartAndThePercentileIsNearestRank() throws IOException {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            // 0 .. 199 ms past a 100 ms timeout (the first, 0, is the first of its kind, not judged)
            calls.append("call get 100000 ").append(i * 1_000_000L).append(' ').append(100_000 + i * 1000)
                    .append(" empty\n");
        }
        calls.append("call getNowait 0 800000000000 900000 empty\n"); // the first of its kind
        calls.append("call getNowait 0 900000000000 400000 empty\n");
        Files.writeString(logs.resolve("consumer-0-0.log"), calls.toString());
        long[] stop = {900_000_000_100L, 900_300_000_000L};

        ChaosLedger ledger = ChaosLedger.judge(logs, Set.of(), Set.of(), 0, 500_000,
                Map.of("consumer-0-0.log", List.of(stop)), Map.of());
        assertThat(ledger.calls.inOwnStop).as("the call made while its process was stopped").isEqualTo(1);
        assertThat(ledger.calls.calls()).isEqualTo(199);
        assertThat(ledger.calls.p99Micros()).as("rank 198 of 1..199 ms").isEqualTo(198_000);
        assertThat(ledger.calls.maxMicros()).isEqualTo(199_000);
        assertThat(ledger.calls.late).isZero();

        ChaosLedger unstopped = ChaosLedger.judge(logs, Set.of(), Set.of(), 0, 300_000, Map.of(),
                Map.of("producer-1-0.log", 900_000_000_000L - 5_000_000L));
        assertThat(unstopped.calls.maxMicros("getNowait")).isEqualTo(400_000);
        assertThat(unstopped.calls.late).isEqualTo(1);
        assertThat(unstopped.problems).singleElement().asString().contains("getNowait(0 ms) returned 400 ms")
                .contains("producer-1-0 killed 5 ms before the call");
    }

    @Test
    void itemsCheckThemselves() {
        byte[] item = ChaosItem.create(3, 1, 42, 1000);
        assertThat(ChaosItem.intact(item)).isTrue();
        assertThat(ChaosItem.key(item)).isEqualTo("3/1/42");
        item[500] ^= 1;
        assertThat(ChaosItem.intact(item)).isFalse();
        assertThat(ChaosItem.intact(new byte[3])).isFalse();
    }
}
