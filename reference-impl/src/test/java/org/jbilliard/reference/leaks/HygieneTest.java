package org.jbilliard.reference.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Context;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.testing.SmallTmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing leaks and nothing is left behind: descriptors, threads, queue directories and
 * {@code /dev/shm} are back where they started after many queues and many child processes, after
 * thousands of queue handles received through a queue and dropped unclosed, and after garbage
 * written into live queues' FIFOs; queue
 * files are private whatever the umask; a crashed creator's queue is removed by the next context.
 */
class HygieneTest {

    private static final Context CONTEXT = Context.load();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CYCLES = Integer.getInteger("jbilliard.leaks.cycles", 2_000);
    private static final int CHILDREN = Integer.getInteger("jbilliard.leaks.children", 20);

    @Test
    @Timeout(300)
    void manyQueueLifecyclesLeaveNothingBehind() throws Exception {
        Path root = queueRoot();
        cycle(20); // lazy initialisation (bindings, shutdown hook) is not a leak
        ResourceSnapshot before = ResourceSnapshot.take(root);
        cycle(CYCLES);
        await().atMost(WAIT).untilAsserted(() -> ResourceSnapshot.take(root).assertNoGrowthSince(before));
    }

    @Test
    @Timeout(600)
    void manyChildProcessesLeaveNothingBehind() throws Exception {
        Path root = queueRoot();
        try (Queue<Integer> results = CONTEXT.queue()) {
            runChildren(results, 2);
            ResourceSnapshot before = ResourceSnapshot.take(root);
            runChildren(results, CHILDREN);
            await().atMost(WAIT).untilAsserted(() -> ResourceSnapshot.take(root).assertNoGrowthSince(before));
        }
    }

    @Test
    @Timeout(120)
    void queueFilesArePrivateWhateverTheUmask() throws Exception {
        for (String umask : new String[] {"000", "077", "022"}) {
            Process child = startCreator(umask, true);
            try {
                String address = firstLine(child);
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(Files.exists(Path.of(address))).as("removed when its only user exited").isFalse();
            } finally {
                child.destroyForcibly();
            }
            Process holder = startCreator(umask, false);
            try {
                Path dir = Path.of(firstLine(holder));
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                        .as("queue directory under umask %s", umask).isEqualTo("rwx------");
                try (var files = Files.list(dir)) {
                    for (Path file : files.toList()) {
                        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                                .as("%s under umask %s", file.getFileName(), umask).isEqualTo("rw-------");
                    }
                }
            } finally {
                holder.destroyForcibly();
                holder.waitFor(30, TimeUnit.SECONDS);
            }
        }
        removeStaleInAFreshJvm();
    }

    @Test
    @Timeout(120)
    void aCrashedCreatorsQueueIsRemovedByTheNextContext() throws Exception {
        Process creator = startCreator("077", false);
        Path dir;
        try {
            dir = Path.of(firstLine(creator));
            assertThat(dir).isDirectory();
        } finally {
            creator.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(creator.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dir).as("a SIGKILLed creator cannot clean up").isDirectory();
        removeStaleInAFreshJvm();
        assertThat(dir).as("removed by the next context's start").doesNotExist();
    }

    @Test
    @Timeout(120)
    void failedCreationsOnAFullFileSystemLeaveNothingBehind() throws Exception {
        try (SmallTmpfs tmpfs = SmallTmpfs.mount(1L << 20)) {
            System.setProperty("jbilliard.queue.dir", tmpfs.path().toString());
            try {
                tmpfs.fillLeaving(64 * 1024);
                assertThatThrownBy(() -> CONTEXT.queue()).isInstanceOf(UncheckedIOException.class);
                ResourceSnapshot before = ResourceSnapshot.take(tmpfs.path());
                long mappingsBefore = mappings();
                for (int i = 0; i < 200; i++) {
                    assertThatThrownBy(() -> CONTEXT.queue()).isInstanceOf(UncheckedIOException.class);
                    assertThatThrownBy(() -> CONTEXT.joinableQueue()).isInstanceOf(UncheckedIOException.class);
                    assertThatThrownBy(() -> CONTEXT.simpleQueue()).isInstanceOf(UncheckedIOException.class);
                }
                ResourceSnapshot.take(tmpfs.path()).assertNoGrowthSince(before);
                assertThat(mappings()).as("mappings of this JVM").isLessThanOrEqualTo(mappingsBefore);
                assertThat(tmpfs.entries()).as("left on the full file system").isEmpty();
                assertThat(tmpfs.free()).isEqualTo(64 * 1024);
            } finally {
                System.clearProperty("jbilliard.queue.dir");
            }
        }
    }

    @Test
    @Timeout(180)
    void handlesSentThroughAQueueAndDroppedLeaveNothingBehind() throws Exception {
        Path root = queueRoot();
        try (Queue<Object> items = CONTEXT.queue()) {
            sendAndDropHandles(items, 2, 10);
            collectGarbage();
            ResourceSnapshot before = ResourceSnapshot.take(root);
            long mappingsBefore = mappings();
            sendAndDropHandles(items, 20, 500);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                System.gc();
                ResourceSnapshot.take(root).assertNoGrowthSince(before);
                assertThat(mappings()).as("mappings of this JVM").isLessThanOrEqualTo(mappingsBefore);
            });
        }
    }

    @Test
    @Timeout(180)
    void garbageInTheFifoLeavesNothingBehind() throws Exception {
        Path root = queueRoot();
        org.jbilliard.reference.queue.GarbageRun.run(1, 200, 2, 100, 10);
        ResourceSnapshot before = ResourceSnapshot.take(root);
        long mappingsBefore = mappings();
        for (int i = 0; i < 5; i++) {
            org.jbilliard.reference.queue.GarbageRun.Outcome outcome =
                    org.jbilliard.reference.queue.GarbageRun.run(100 + i, 1_000, 10, 4096, 500, i % 2 == 0 ? 0 : 500);
            assertThat(outcome.qsizeAfter()).as("%s", outcome).isZero();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            ResourceSnapshot.take(root).assertNoGrowthSince(before);
            assertThat(mappings()).as("mappings of this JVM").isLessThanOrEqualTo(mappingsBefore);
        });
    }

    /**
     * {@code rounds} times: a new queue, {@code handles} handles of it sent through {@code items} and
     * received (each a new handle object), then the queue's own handle closed and the received ones
     * dropped unclosed.
     */
    private static void sendAndDropHandles(Queue<Object> items, int rounds, int handles) throws Exception {
        for (int r = 0; r < rounds; r++) {
            Queue<Object> target = CONTEXT.queue();
            for (int i = 0; i < handles; i++) {
                items.put(target);
            }
            List<Object> received = new ArrayList<>();
            for (int i = 0; i < handles; i++) {
                received.add(items.get(WAIT));
            }
            target.close();
            target.joinThread();
            received.clear();
        }
    }

    private static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long mappings() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.count();
        }
    }

    private static void cycle(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            switch (i % 3) {
                case 0 -> {
                    Queue<Integer> q = CONTEXT.queue(2);
                    q.put(i);
                    assertThat(q.get(WAIT)).isEqualTo(i);
                    q.close();
                    q.joinThread();
                }
                case 1 -> {
                    JoinableQueue<Integer> q = CONTEXT.joinableQueue();
                    q.put(i);
                    q.get(WAIT);
                    q.taskDone();
                    q.close();
                }
                default -> {
                    SimpleQueue<Integer> q = CONTEXT.simpleQueue();
                    q.put(i);
                    assertThat(q.get()).isEqualTo(i);
                    q.close();
                }
            }
        }
    }

    private static void runChildren(Queue<Integer> results, int count) throws Exception {
        List<TaskProcess> running = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                int id = i;
                TaskProcess child = CONTEXT.process(() -> results.put(id));
                child.start();
                running.add(child);
                if (running.size() == 4) {
                    joinAll(running);
                }
            }
            joinAll(running);
            for (int i = 0; i < count; i++) {
                results.get(WAIT);
            }
        } finally {
            running.forEach(TaskProcess::close);
        }
    }

    private static void joinAll(List<TaskProcess> running) throws InterruptedException {
        for (TaskProcess child : running) {
            assertThat(child.join(WAIT)).as("child %s exited", child.name()).isTrue();
            assertThat(child.exitCode()).as("exit code of %s: %s", child.name(), child.failure()).hasValue(0);
            child.close();
        }
        running.clear();
    }

    private static Process startCreator(String umask, boolean exitAtOnce) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "umask " + umask + " && exec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' " + CreateQueueMain.class.getName()
                + (exitAtOnce ? " exit" : "");
        return new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process child) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        assertThat(line).as("the child printed its queue's address").isNotNull();
        return line;
    }

    /** A context created in a new JVM removes what dead creators left. */
    private static void removeStaleInAFreshJvm() throws Exception {
        try (TaskProcess fresh = CONTEXT.process(() -> Context.load().name())) {
            fresh.start();
            assertThat(fresh.join(WAIT)).isTrue();
            assertThat(fresh.exitCode()).as("%s", fresh.failure()).hasValue(0);
        }
    }

    /** Where new queues go: as {@code QueueFiles.root()} (README, "Where queue files live"). */
    static Path queueRoot() {
        String chosen = System.getProperty("jbilliard.queue.dir");
        if (chosen != null && !chosen.isEmpty()) {
            return Path.of(chosen);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg)) && Files.isWritable(Path.of(xdg))) {
            return Path.of(xdg);
        }
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
