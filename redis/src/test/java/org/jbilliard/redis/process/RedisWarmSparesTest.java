package org.jbilliard.redis.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.launcher.JvmTaskProcess;
import org.jbilliard.launcher.WarmSpares;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis context's warm spares: a task that captured a Redis queue runs in a spare of the shared
 * launcher, the queue the parent closed right after {@code start()} is still there for it (the
 * context's pins), and closing the context ends its spares.
 */
class RedisWarmSparesTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = RedisServerExtension.create();

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final ProcessOptions OPTIONS = ProcessOptions.defaults().withoutStartupCache()
            .withCapturedOutput(true);

    @Test
    void aSpareRunsATaskWithRedisQueuesAndEndsWithTheContext() throws Exception {
        List<Long> spares;
        try (RedisContext context = new RedisContext(REDIS.server().config()).withWarmSpares(1, OPTIONS);
             Queue<String> answers = context.queue()) {
            WarmSpares pool = context.warmSpares().orElseThrow();
            try (TaskProcess first = context.process(() -> answers.put("first"), OPTIONS)) {
                first.start(); // teaches the pool the command of this test class's tasks
                assertThat(answers.get(BOUND)).isEqualTo("first");
                assertThat(first.join(BOUND)).isTrue();
            }
            assertThat(pool.awaitReady(BOUND)).as("spare ready: " + pool).isTrue();
            List<Long> waiting = pool.pids();

            Queue<String> closedByParent = context.queue();
            TaskProcess warm = context.process(() -> {
                closedByParent.put("still there");
                answers.put("warm " + ProcessHandle.current().pid());
            }, OPTIONS);
            try (warm) {
                warm.start();
                closedByParent.close(); // the parent's pin keeps the queue until the spare has attached
                assertThat(((JvmTaskProcess) warm).startedFromSpare()).isTrue();
                assertThat(waiting).containsExactly(warm.pid().orElseThrow());
                assertThat(answers.get(BOUND)).isEqualTo("warm " + warm.pid().orElseThrow());
                assertThat(warm.join(BOUND)).isTrue();
                assertThat(warm.exitCode()).as(warm.capturedStderr()).hasValue(0);
            }
            assertThat(pool.awaitReady(BOUND)).isTrue();
            spares = pool.pids();
        }
        for (long pid : spares) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("spare after close").isEmpty();
        }
    }
}
