package org.jbilliard.reference.leaks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a JVM holds that a leak would grow: descriptors, threads, queue directories, shared memory. */
record ResourceSnapshot(long fds, int threads, List<String> queueDirs, List<String> shm) {

    static ResourceSnapshot take(Path queueRoot) throws IOException {
        return new ResourceSnapshot(count(Path.of("/proc/self/fd")), ManagementFactory.getThreadMXBean().getThreadCount(),
                names(queueRoot), names(Path.of("/dev/shm")));
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.count();
        }
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.contains("jbilliard")).sorted().toList();
        }
    }
}
