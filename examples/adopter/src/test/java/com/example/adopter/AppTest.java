package com.example.adopter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.junit.jupiter.api.Test;

/** An adopter's own JUnit test of a cross-process exchange, run by Surefire with the README's option. */
class AppTest {

    @Test
    void aChildJvmProducesWhatTheTestConsumes() throws Exception {
        Context ctx = Context.load();
        try (Queue<Integer> q = ctx.queue(5);
             TaskProcess producer = ctx.process(() -> {
                 for (int i = 0; i < 3; i++) q.put(i);
                 q.put(null);
             })) {
            producer.start();
            List<Integer> got = new ArrayList<>();
            for (Integer item; (item = q.get(Duration.ofSeconds(30))) != null; ) {
                got.add(item);
            }
            assertTrue(producer.join(Duration.ofSeconds(30)), "the producer exits");
            assertEquals(List.of(0, 1, 2), got);
            assertEquals(0, producer.exitCode().orElse(-1));
        }
    }
}
