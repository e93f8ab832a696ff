package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.awaitStdout;
import static org.jbilliard.launcher.ProcessTesting.blockForever;
import static org.jbilliard.launcher.ProcessTesting.bound;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jbilliard.Context;
import org.jbilliard.ProcessOptions;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * billiard's lifecycle rules, checked with an intermediate parent JVM (a task process) that starts a
 * grandchild: the test controls how the intermediate ends and watches what becomes of the grandchild.
 */
class ProcessLifecycleTest {

    private static final Pattern GRANDCHILD_PID = Pattern.compile("grandchild pid (\\d+)");

    private final Context context = new ReferenceContext();
    private final List<TaskProcess> started = new ArrayList<>();
    private final List<Long> grandchildren = new ArrayList<>();

    @TempDir
    Path scratch;

    private TaskProcess start(TaskProcess process) {
        started.add(process);
        process.start();
        return process;
    }

    @AfterEach
    void reapEverything() {
        started.forEach(TaskProcess::close);
        for (long pid : grandchildren) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ProcessHandle grandchildOf(TaskProcess intermediate) {
        awaitStdout(intermediate, "grandchild pid ");
        Matcher matcher = GRANDCHILD_PID.matcher(intermediate.capturedStdout());
        assertThat(matcher.find()).as(describe(intermediate)).isTrue();
        long pid = Long.parseLong(matcher.group(1));
        grandchildren.add(pid);
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("grandchild " + pid
                + " is already gone: " + describe(intermediate)));
    }

    private static void assertExitsWithin(ProcessHandle process, Duration bound, TaskProcess intermediate)
            throws Exception {
        try {
            process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("grandchild " + process.pid() + " still alive after " + bound + ": "
                    + describe(intermediate), e);
        }
    }

    // ---- a child whose parent dies abruptly exits too -------------------------------------------

    @Test
    void grandchildExitsWhenItsParentIsKilled() throws Exception {
        TaskProcess intermediate = start(context.process(ProcessLifecycleTest::startBlockingGrandchild, CAPTURE));
        ProcessHandle grandchild = grandchildOf(intermediate);
        long intermediatePid = intermediate.pid().orElseThrow();
        awaitStdout(intermediate, "grandchild running");

        intermediate.kill();
        joinBounded(intermediate);

        assertThat(intermediate.exitCode()).as(describe(intermediate)).hasValue(-9);
        assertExitsWithin(grandchild, bound(Duration.ofSeconds(10)), intermediate);
        assertThat(resultDirectoriesOf(intermediatePid)).as("the orphan removed its result directory").isEmpty();
    }

    static void startBlockingGrandchild() throws InterruptedException {
        TaskProcess grandchild = new ReferenceContext().process(ProcessLifecycleTest::announceAndBlock);
        grandchild.start();
        System.out.println("grandchild pid " + grandchild.pid().orElseThrow());
        blockForever();
    }

    static void announceAndBlock() throws InterruptedException {
        System.out.println("grandchild running");
        blockForever();
    }

    private static List<Path> resultDirectoriesOf(long parentPid) throws IOException {
        try (Stream<Path> entries = Files.list(ResultDirectory.base())) {
            String prefix = ResultDirectory.PREFIX + parentPid + "-";
            return entries.filter(e -> e.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    // ---- a normally exiting parent joins its non-daemon children ----------------------------------

    @Test
    void nonDaemonChildIsJoinedWhenItsParentExitsNormally() throws Exception {
        String marker = scratch.resolve("parent-is-exiting").toString();
        TaskProcess intermediate = start(context.process(() -> startChildThatOutlivesMe(marker, false), CAPTURE));
        ProcessHandle grandchild = grandchildOf(intermediate);
        joinBounded(intermediate);

        assertThat(intermediate.exitCode()).as(describe(intermediate)).hasValue(0);
        assertThat(intermediate.capturedStdout()).as("the parent waited for its child to finish: "
                + describe(intermediate)).contains("grandchild finished after its parent began to exit");
        assertExitsWithin(grandchild, bound(Duration.ofSeconds(5)), intermediate);
    }

    /**
     * Runs in the intermediate: starts a grandchild that finishes only after this JVM has begun to
     * shut down (a shutdown hook creates the marker) and then takes a while; returns at once.
     */
    static void startChildThatOutlivesMe(String marker, boolean daemon) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.createFile(Path.of(marker));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        TaskProcess grandchild = new ReferenceContext().process(() -> finishAfterMarker(marker),
                ProcessOptions.defaults().withDaemon(daemon));
        grandchild.start();
        System.out.println("grandchild pid " + grandchild.pid().orElseThrow());
    }

    static void finishAfterMarker(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(Path.of(marker)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Long enough that a parent that did not wait would be gone, and this child with it.
        Thread.sleep(500);
        System.out.println("grandchild finished after its parent began to exit");
    }

    // ---- a normally exiting parent terminates its daemon children ---------------------------------

    @Test
    void daemonChildIsTerminatedWhenItsParentExitsNormally() throws Exception {
        String running = scratch.resolve("daemon-running").toString();
        TaskProcess intermediate = start(context.process(() -> startDaemonAndReturn(running), CAPTURE));
        ProcessHandle grandchild = grandchildOf(intermediate);
        joinBounded(intermediate);

        assertThat(intermediate.exitCode()).as(describe(intermediate)).hasValue(0);
        assertExitsWithin(grandchild, bound(Duration.ofSeconds(5)), intermediate);
        assertThat(intermediate.capturedStdout()).as(describe(intermediate))
                .contains("grandchild shutting down, signal 15");
    }

    static void startDaemonAndReturn(String running) throws InterruptedException {
        TaskProcess grandchild = new ReferenceContext().process(() -> reportShutdownAndBlock(running),
                ProcessOptions.defaults().withDaemon(true));
        grandchild.start();
        System.out.println("grandchild pid " + grandchild.pid().orElseThrow());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(Path.of(running)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    static void reportShutdownAndBlock(String running) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.out.println("grandchild shutting down, signal " + ShutdownSignals.initiatingSignal())));
        Files.createFile(Path.of(running));
        blockForever();
    }

    // ---- a parent stopped by a signal terminates every child ---------------------------------------

    @Test
    void parentTerminatedBySignalTerminatesItsNonDaemonChildrenToo() throws Exception {
        String running = scratch.resolve("child-running").toString();
        TaskProcess intermediate = start(context.process(() -> startNonDaemonAndBlock(running), CAPTURE));
        ProcessHandle grandchild = grandchildOf(intermediate);
        awaitStdout(intermediate, "grandchild is running");

        intermediate.terminate();
        joinBounded(intermediate);

        assertThat(intermediate.exitCode()).as(describe(intermediate)).hasValue(-15);
        assertExitsWithin(grandchild, bound(Duration.ofSeconds(5)), intermediate);
        assertThat(intermediate.capturedStdout()).as(describe(intermediate))
                .contains("grandchild shutting down, signal 15");
    }

    static void startNonDaemonAndBlock(String running) throws InterruptedException {
        TaskProcess grandchild = new ReferenceContext().process(() -> reportShutdownAndBlock(running));
        grandchild.start();
        System.out.println("grandchild pid " + grandchild.pid().orElseThrow());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(Path.of(running)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("grandchild is running");
        blockForever();
    }

}
