package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jbilliard.launcher.ProcessTesting.CAPTURE;
import static org.jbilliard.launcher.ProcessTesting.awaitStdout;
import static org.jbilliard.launcher.ProcessTesting.blockForever;
import static org.jbilliard.launcher.ProcessTesting.describe;
import static org.jbilliard.launcher.ProcessTesting.joinBounded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jbilliard.Context;
import org.jbilliard.ProcessOptions;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.reference.ReferenceContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvmTaskProcessTest {

    private final Context context = new ReferenceContext();
    private final List<TaskProcess> started = new ArrayList<>();

    private TaskProcess start(TaskProcess process) {
        started.add(process);
        process.start();
        return process;
    }

    @AfterEach
    void reapEveryChild() {
        started.forEach(TaskProcess::close);
        for (TaskProcess process : started) {
            assertThat(process.isAlive()).as("reaped: %s", process).isFalse();
        }
    }

    @Test
    void exitCodeIsZeroWhenTheTaskReturns() throws Exception {
        TaskProcess p = start(context.process(() -> System.out.println("hello from child"), CAPTURE));
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
        assertThat(p.failure()).as(describe(p)).isEmpty();
        assertThat(p.capturedStdout()).isEqualTo("hello from child" + System.lineSeparator());
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void uncaughtExceptionGivesExitCodeOneAndTravelsBackWithStackTraceAndCauses() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::failWithCause, CAPTURE));
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(1);
        TaskFailure failure = p.failure().orElseThrow(() -> new AssertionError("no failure: " + describe(p)));
        assertThat(failure.remoteClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.getMessage()).isEqualTo("boom");
        assertThat(failure.getStackTrace()).as("remote stack trace")
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("failWithCause"));
        assertThat(failure.getCause()).isInstanceOf(TaskFailure.class);
        TaskFailure cause = (TaskFailure) failure.getCause();
        assertThat(cause.remoteClassName()).isEqualTo(IOException.class.getName());
        assertThat(cause.getMessage()).isEqualTo("disk full");
        assertThat(cause.getCause()).isNull();
        assertThat(p.capturedStderr()).as("billiard prints the traceback in the child")
                .contains("Process " + p.name() + ":")
                .contains("java.lang.IllegalStateException: boom")
                .contains("Caused by: java.io.IOException: disk full")
                .contains("failWithCause");
    }

    static void failWithCause() {
        throw new IllegalStateException("boom", new IOException("disk full"));
    }

    @Test
    void exitCodeIsTheArgumentOfSystemExitIncludingValuesAbove128() throws Exception {
        TaskProcess seven = start(context.process(() -> System.exit(7), CAPTURE));
        TaskProcess high = start(context.process(() -> System.exit(137), CAPTURE));
        joinBounded(seven);
        joinBounded(high);
        assertThat(seven.exitCode()).as(describe(seven)).hasValue(7);
        assertThat(high.exitCode()).as("exit(137) is not a SIGKILL: %s", describe(high)).hasValue(137);
        assertThat(seven.failure()).isEmpty();
    }

    @Test
    void killGivesMinusNine() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        awaitStdout(p, "running");
        assertThat(p.exitCode()).as("empty while running").isEmpty();
        p.kill();
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(-9);
        assertThat(p.failure()).isEmpty();
    }

    @Test
    void terminateGivesMinusFifteen() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        awaitStdout(p, "running");
        p.terminate();
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(-15);
    }

    @Test
    void signalsSentFromOutsideAreReportedToo() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        awaitStdout(p, "running");
        ProcessHandle.of(p.pid().orElseThrow()).orElseThrow().destroy(); // SIGTERM, not through the handle
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(-15);
    }

    static void announceAndBlock() throws InterruptedException {
        System.out.println("running");
        blockForever();
    }

    @Test
    void terminateAndKillAfterExitDoNothing() throws Exception {
        TaskProcess p = start(context.process(() -> { }, CAPTURE));
        joinBounded(p);
        p.terminate();
        p.kill();
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
    }

    @Test
    void capturedOutputHoldsBothStreams() throws Exception {
        TaskProcess p = start(context.process(() -> {
            System.out.print("out ü ");
            System.out.println(42);
            System.err.println("err line");
        }, CAPTURE));
        joinBounded(p);
        assertThat(p.capturedStdout()).as(describe(p)).isEqualTo("out ü 42" + System.lineSeparator());
        assertThat(p.capturedStderr()).as(describe(p)).isEqualTo("err line" + System.lineSeparator());
    }

    @Test
    void capturedOutputIsRefusedWhenNotRequested() throws Exception {
        TaskProcess p = context.process(() -> { });
        assertThatThrownBy(p::capturedStdout).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("withCapturedOutput");
        assertThatThrownBy(p::capturedStderr).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void childStandardInputIsEmpty() throws Exception {
        TaskProcess p = start(context.process(() -> System.out.println("read " + System.in.read()), CAPTURE));
        joinBounded(p);
        assertThat(p.capturedStdout()).as(describe(p)).isEqualTo("read -1" + System.lineSeparator());
    }

    @Test
    void namesAreGeneratedOrGivenAndDaemonAndPidAreReported() throws Exception {
        TaskProcess generated = context.process(() -> { });
        TaskProcess another = context.process(() -> { });
        assertThat(generated.name()).matches("TaskProcess-\\d+");
        int n = Integer.parseInt(generated.name().substring("TaskProcess-".length()));
        assertThat(another.name()).isEqualTo("TaskProcess-" + (n + 1));
        assertThat(generated.isDaemon()).isFalse();

        TaskProcess named = context.process(JvmTaskProcessTest::printPid,
                CAPTURE.withName("worker").withDaemon(true));
        assertThat(named.name()).isEqualTo("worker");
        assertThat(named.isDaemon()).isTrue();
        assertThat(named.pid()).as("no pid before start").isEmpty();
        assertThat(named.exitCode()).as("no exit code before start").isEmpty();
        assertThat(named.isAlive()).isFalse();
        start(named);
        joinBounded(named);
        assertThat(named.capturedStdout().trim()).as(describe(named))
                .isEqualTo("pid " + named.pid().orElseThrow());
    }

    static void printPid() {
        System.out.println("pid " + ProcessHandle.current().pid());
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileRunningAndTrueOnceExited() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        awaitStdout(p, "running");
        long before = System.nanoTime();
        assertThat(p.join(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("waited the timeout")
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(p.join(Duration.ZERO)).isFalse();
        assertThat(p.join(Duration.ofSeconds(-1))).isFalse();
        assertThat(p.isAlive()).isTrue();
        p.kill();
        assertThat(p.join(ProcessTesting.startBound())).as(describe(p)).isTrue();
        assertThat(p.join(Duration.ZERO)).isTrue();
    }

    @Test
    void joinIsInterruptibleAndLeavesTheProcessRunning() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        awaitStdout(p, "running");
        Thread.currentThread().interrupt();
        assertThatThrownBy(p::join).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt status cleared").isFalse();
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void closeKillsWaitsAndIsIdempotent() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        awaitStdout(p, "running");
        long pid = p.pid().orElseThrow();
        p.close();
        assertThat(p.isAlive()).isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("reaped").isNotEqualTo(java.util.Optional.of(true));
        assertThat(p.exitCode()).hasValue(-9);
        p.close();
        context.process(() -> { }).close(); // unstarted: nothing to do
    }

    @Test
    void lifecycleMisuseIsRejected() throws Exception {
        TaskProcess p = context.process(() -> { }, CAPTURE);
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("never started");
        assertThatThrownBy(() -> p.join(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::terminate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(p::kill).isInstanceOf(IllegalStateException.class);
        start(p);
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
        joinBounded(p);
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unserializableTaskIsRejectedAtTheCallNamingTheClass() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> context.process(() -> System.out.println(notSerializable)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("not Serializable");
    }

    @Test
    void extraJvmOptionsReachTheChild() throws Exception {
        TaskProcess p = start(context.process(() -> System.out.println(System.getProperty("jbilliard.test.extra")),
                CAPTURE.withJvmOptions(List.of("-Djbilliard.test.extra=yes"))));
        joinBounded(p);
        assertThat(p.capturedStdout().trim()).as(describe(p)).isEqualTo("yes");
    }

    @Test
    void aCollectorChosenInTheOptionsReplacesTheDefaultOne() throws Exception {
        TaskProcess p = start(context.process(JvmTaskProcessTest::printCollectors,
                CAPTURE.withJvmOptions(List.of("-XX:+UseParallelGC"))));
        joinBounded(p);
        assertThat(p.exitCode()).as(describe(p)).hasValue(0);
        assertThat(p.capturedStdout()).as(describe(p)).contains("PS Scavenge").doesNotContain("Copy");
    }

    static void printCollectors() {
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
                .forEach(gc -> System.out.println(gc.getName()));
    }

    @Test
    void resultDirectoriesAreRemovedOnceReaped() throws Exception {
        TaskProcess ok = start(context.process(() -> { }, CAPTURE));
        TaskProcess failed = start(context.process(JvmTaskProcessTest::failWithCause, CAPTURE));
        TaskProcess killed = start(context.process(JvmTaskProcessTest::announceAndBlock, CAPTURE));
        joinBounded(ok);
        joinBounded(failed);
        awaitStdout(killed, "running");
        killed.close();
        assertThat(failed.failure()).isPresent();
        assertThat(ownResultDirectories()).as("left behind").isEmpty();
    }

    static List<Path> ownResultDirectories() {
        try (Stream<Path> entries = Files.list(ResultDirectory.base())) {
            String prefix = ResultDirectory.PREFIX + ProcessHandle.current().pid() + "-";
            return entries.filter(e -> e.getFileName().toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void manyChildrenRunConcurrently() throws Exception {
        TaskProcess[] children = new TaskProcess[4];
        for (int i = 0; i < children.length; i++) {
            int code = 10 + i;
            children[i] = start(context.process(() -> System.exit(code), CAPTURE));
        }
        for (TaskProcess child : children) {
            joinBounded(child);
        }
        assertThat(Arrays.stream(children).map(c -> c.exitCode().orElse(-1)).toList()).containsExactly(10, 11, 12, 13);
    }
}
