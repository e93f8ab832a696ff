package org.jbilliard.reference.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void duplicatesCorruptionForgedItemsAndLateEmptiesAreCounted() throws IOException {
        Files.writeString(logs.resolve("producer-0-0.log"), "put 0/0/0\n");
        Files.writeString(logs.resolve("consumer-0-0.log"), "got 0/0/0 q\nlate-empty 20000\nlate-empty 90000\n");
        Files.writeString(logs.resolve("consumer-1-0.log"),
                "got 0/0/0 q\ncorrupt item of 7 bytes\ngot 5/3/1 q\n");

        ChaosLedger ledger = ChaosLedger.judge(logs, Set.of("0/0"), Set.of(), 0, 50_000);
        assertThat(ledger.duplicated).isEqualTo(1);
        assertThat(ledger.corrupted).as("a corrupt line and an item from a producer that never ran").isEqualTo(2);
        assertThat(ledger.lateEmpty).isEqualTo(1);
        assertThat(ledger.maxEmptyOverrunMicros).isEqualTo(90_000);
        assertThat(ledger.lost).isZero();
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
