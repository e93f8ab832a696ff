package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;
import static org.jbilliard.launcher.ProcessTesting.startBound;

import java.util.List;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.Test;

/**
 * The reference context's warm spares: a task that captured pipe queues runs in a spare as in a
 * fresh child (the queue outlives the parent's close, items arrive, failures travel back), and
 * closing the context leaves no spare.
 */
class WarmSpareQueueTest {

    private static final ProcessOptions OPTIONS = ProcessOptions.defaults().withoutStartupCache()
            .withCapturedOutput(true);

    @Test
    void aSpareRunsATaskWithQueuesAsAFreshChildWould() throws Exception {
        List<Long> spares;
        try (ReferenceContext context = new ReferenceContext().withWarmSpares(1, OPTIONS)) {
            WarmSpares pool = context.warmSpares().orElseThrow();
            try (Queue<String> queue = context.queue(); TaskProcess first = context.process(() -> queue.put("first"), OPTIONS)) {
                first.start(); // teaches the pool the command of this test class's tasks
                assertThat(queue.get(startBound())).isEqualTo("first");
                joinBounded(first);
            }
            assertThat(pool.awaitReady(startBound())).as("spare ready: " + pool).isTrue();
            spares = pool.pids();

            try (Queue<String> answers = context.queue()) {
                Queue<String> closedByParent = context.queue();
                TaskProcess warm = context.process(() -> {
                    closedByParent.put("still there");
                    answers.put("from pid " + ProcessHandle.current().pid());
                }, OPTIONS);
                try (warm) {
                    warm.start();
                    closedByParent.close(); // the parent's pin keeps it until the spare has attached
                    assertThat(((JvmTaskProcess) warm).startedFromSpare()).isTrue();
                    assertThat(spares).containsExactly(warm.pid().orElseThrow());
                    assertThat(answers.get(startBound())).isEqualTo("from pid " + warm.pid().orElseThrow());
                    joinBounded(warm);
                    assertThat(warm.exitCode()).as(describe(warm)).hasValue(0);
                }
            }

            assertThat(pool.awaitReady(startBound())).isTrue();
            TaskProcess failing = context.process(() -> {
                throw new IllegalStateException("failed in a spare");
            }, OPTIONS);
            try (failing) {
                failing.start();
                joinBounded(failing);
                assertThat(((JvmTaskProcess) failing).startedFromSpare()).isTrue();
                assertThat(failing.exitCode()).hasValue(1);
                assertThat(failing.failure().orElseThrow().getMessage()).contains("failed in a spare");
                assertThat(failing.capturedStderr()).contains("Process " + failing.name() + ":");
            }
            assertThat(pool.awaitReady(startBound())).as("the replacement spare").isTrue();
            spares = pool.pids();
            assertThat(spares).hasSize(1);
        }
        for (long pid : spares) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("spare after close").isEmpty();
        }
    }
}
