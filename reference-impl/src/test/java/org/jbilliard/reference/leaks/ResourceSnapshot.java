package org.jbilliard.reference.leaks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What this JVM holds that a leak would grow: descriptors, threads, and the queue and task
 * directories it created wherever they go (named with its pid: other JVMs on the machine may be
 * creating their own), plus anything of jbilliard's in {@code /dev/shm} that no other live process owns.
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
        java.util.Set<String> own = new java.util.TreeSet<>();
        for (Path root : places(queueRoot)) {
            own.addAll(names(root, mine));
        }
        List<String> shm = names(Path.of("/dev/shm"), "jbilliard").stream()
                .filter(n -> !n.contains(mine) && !ofAnotherLiveProcess(n)).toList();
        return new ResourceSnapshot(count(Path.of("/proc/self/fd")), liveThreads(), List.copyOf(own), shm);
    }

    /**
     * Where queue and task directories go: the queue root, {@code $XDG_RUNTIME_DIR}, {@code /dev/shm}
     * and {@code java.io.tmpdir} (task result directories stay in the last where there is no first).
     */
    private static java.util.Set<Path> places(Path queueRoot) {
        java.util.Set<Path> places = new java.util.LinkedHashSet<>();
        places.add(queueRoot.toAbsolutePath());
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) {
            places.add(Path.of(xdg).toAbsolutePath());
        }
        places.add(Path.of("/dev/shm"));
        places.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        return places;
    }

    /**
     * Whether {@code name} is a queue or task directory of another live process: other JVMs on the
     * machine (other test runs) create and remove their own in {@code /dev/shm} meanwhile. Those of
     * dead processes stay in the comparison: a child that left one behind is a leak.
     */
    private static boolean ofAnotherLiveProcess(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jbilliard-(?:q|task)-(\\d+)-").matcher(name);
        return m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
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
