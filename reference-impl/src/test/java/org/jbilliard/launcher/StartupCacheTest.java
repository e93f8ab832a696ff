package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.bound;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;
import static org.jbilliard.launcher.ProcessTesting.startBound;

import java.time.Duration;
import java.util.List;
import org.jbilliard.reference.process.NativePrelude;
import org.jbilliard.reference.process.ReferenceLaunchSupport;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.Test;

/**
 * The start-up cache's training run succeeds with the current classes (its variant is named by
 * their bytes, so a changed training gets a cache of its own), and a child that captured a queue
 * starts from it: its launch classes and jbilliard's queue classes come from the cache.
 */
class StartupCacheTest {

    private final ReferenceContext context = new ReferenceContext();

    @Test
    void theTrainingBuildsACacheThatAChildWithAQueueStartsFrom() throws Exception {
        List<String> flags = ChildCommand.startupFlags(List.of());
        // The first lookup starts the build in the background (unless another JVM holds its lock).
        await().atMost(bound(Duration.ofMinutes(4))).pollInterval(Duration.ofMillis(200))
                .alias("start-up cache for " + flags)
                .until(() -> StartupCache.lookup(flags, null, ReferenceLaunchSupport.INSTANCE).isPresent());

        try (Queue<String> queue = context.queue();
             TaskProcess child = context.process(() -> queue.put("ran"),
                     CAPTURE.withJvmOptions(List.of("-Xlog:class+load=info")))) {
            child.start();
            assertThat(queue.get(startBound())).isEqualTo("ran");
            joinBounded(child);
            assertThat(child.exitCode()).as(describe(child)).hasValue(0);
            assertThat(child.capturedStdout()).as("where the child's launch classes came from")
                    .contains(ChildMain.class.getName() + " source: shared objects file")
                    .contains(NativePrelude.class.getName() + " source: shared objects file")
                    .as("where the child's queue classes came from")
                    .contains("org.jbilliard.reference.queue.PipeQueue source: shared objects file")
                    .contains("org.jbilliard.Queue source: shared objects file");
        }
    }
}
