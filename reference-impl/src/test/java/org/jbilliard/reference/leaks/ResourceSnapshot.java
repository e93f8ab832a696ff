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

    static ResourceSnapshot take(Path queueRoot) throws IOException {
        String mine = "-" + ProcessHandle.current().pid() + "-";
        return new ResourceSnapshot(count(Path.of("/proc/self/fd")), liveThreads(),
                names(queueRoot, mine), names(Path.of("/dev/shm"), "jbilliard"));
    }

    /**
     * Names of the Java-visible threads, less Awaitility's poller and the JDK's process reapers (a
     * pooled, self-expiring cache of the JDK's own, not ours to reclaim).
     */
    private static List<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> !n.startsWith("awaitility") && !n.equals("process reaper")).sorted().toList();
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
