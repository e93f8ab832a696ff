package org.jbilliard.reference.leaks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this JVM holds that a leak would grow: descriptors, threads, and the queue and task
 * directories it created (named with its pid: other JVMs on the machine may be creating their own),
 * plus anything of jbilliard's in {@code /dev/shm}.
 */
record ResourceSnapshot(long fds, List<String> threads, List<String> ownDirs, List<String> shm) {

    /**
     * Asserts that nothing grew since {@code before}: no more descriptors, no thread or directory that
     * was not there (things that existed before may have ended meanwhile, e.g. pooled threads of
     * earlier tests or a feeder finishing its flush).
     */
    void assertNoGrowthSince(ResourceSnapshot before) {
        org.assertj.core.api.Assertions.assertThat(fds).as("open descriptors (before: %s)", before).isLessThanOrEqualTo(before.fds);
        org.assertj.core.api.Assertions.assertThat(threads).as("threads").isSubsetOf(before.threads);
        org.assertj.core.api.Assertions.assertThat(ownDirs).as("queue and task directories of this JVM").isSubsetOf(before.ownDirs);
        org.assertj.core.api.Assertions.assertThat(shm).as("/dev/shm").isSubsetOf(before.shm);
    }

    static ResourceSnapshot take(Path queueRoot) throws IOException {
        String mine = "-" + ProcessHandle.current().pid() + "-";
        return new ResourceSnapshot(count(Path.of("/proc/self/fd")), liveThreads(),
                names(queueRoot, mine), names(Path.of("/dev/shm"), "jbilliard"));
    }

    /**
     * Names of the Java-visible threads, less Awaitility's poller and the JDK's own self-expiring pools
     * (process reapers and the common fork-join pool that runs {@code Process.onExit()} callbacks),
     * which are not ours to reclaim.
     */
    private static List<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.startsWith("awaitility") && !n.equals("process reaper")
                        && !n.startsWith("ForkJoinPool.commonPool-worker-")).sorted().toList();
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    private static List<String> names(Path dir, String marker) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("jbilliard") && n.contains(marker)).sorted().toList();
        }
    }
}
