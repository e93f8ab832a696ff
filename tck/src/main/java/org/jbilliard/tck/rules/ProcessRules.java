package org.jbilliard.tck.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jbilliard.Feature;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.Task;
import org.jbilliard.TaskFailure;
import org.jbilliard.TaskProcess;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.support.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules about {@link TaskProcess}: lifecycle, exit codes, failures, names, pids, signals. */
public class ProcessRules extends RuleTest {

    /** Creates the test. */
    public ProcessRules() {
    }

    private TaskProcess startedOnGate(Queue<String> gate) {
        return started(Tasks.awaitGate(gate));
    }

    private void release(Queue<String> gate) {
        within("put(go) on the gate", () -> {
            gate.put("go");
            return null;
        });
    }

    private void awaitExit(TaskProcess p) {
        boolean exited = within("join(" + env.scenarioLimit().toSeconds() + " s) of " + p.name(),
                () -> p.join(env.scenarioLimit()));
        assertThat(exited).as("%s exited", p.name()).isTrue();
    }

    /** PROC-START-01. */
    @Test
    @Verifies(Rule.PROC_START_01)
    @DisplayName("PROC-START-01 start() runs the task once; a second start() is refused")
    public void startOnce() throws Exception {
        Queue<Integer> results = queue(0);
        TaskProcess p = process(Tasks.putRange(results, 2));
        assertThrowsPromptly(IllegalStateException.class, "join() before start()", () -> {
            p.join();
            return null;
        });
        p.start();
        assertThrowsPromptly(IllegalStateException.class, "a second start()", () -> {
            p.start();
            return null;
        });
        assertSucceeds(p);
        assertThat(List.of(take(results), take(results))).as("items the task put").containsExactly(0, 1);
        assertNoMoreItems(results, "the task ran once and put 2 items");
    }

    /** PROC-EXIT-01. */
    @Test
    @Verifies(Rule.PROC_EXIT_01)
    @DisplayName("PROC-EXIT-01 exitCode and isAlive follow the life of the process")
    public void lifecycle() throws Exception {
        Queue<String> gate = queue(0);
        TaskProcess p = process(Tasks.awaitGate(gate));
        assertThat(p.exitCode()).as("exitCode() before start()").isEmpty();
        assertThat(p.isAlive()).as("isAlive() before start()").isFalse();
        p.start();
        assertThat(p.isAlive()).as("isAlive() of a started task waiting on a queue").isTrue();
        assertThat(p.exitCode()).as("exitCode() while running").isEmpty();
        release(gate);
        assertSucceeds(p);
        assertThat(p.exitCode()).as("exitCode() after the task returned").hasValue(0);
        assertThat(p.isAlive()).as("isAlive() after exit").isFalse();
        assertThat(p.failure()).as("failure() after success").isEmpty();
    }

    /** PROC-EXIT-02. */
    @Test
    @Verifies(Rule.PROC_EXIT_02)
    @DisplayName("PROC-EXIT-02 an uncaught exception gives exit code 1 and a failure with the remote stack trace")
    public void failureCarriesStackTrace() {
        // The child's traceback on its standard error is expected: capture it so that a passing run stays quiet.
        TaskProcess p = process(Tasks.fail("boom from the task"), ProcessOptions.defaults().withCapturedOutput(true));
        p.start();
        awaitExit(p);
        assertThat(p.exitCode()).as("exitCode() after an uncaught exception" + describeFailure(p)).hasValue(1);
        assertThat(p.failure()).as("failure() after an uncaught exception").isPresent();
        TaskFailure failure = p.failure().get();
        assertThat(failure.remoteClassName()).as("TaskFailure.remoteClassName()")
                .isEqualTo(IllegalStateException.class.getName());
        assertThat(failure.getMessage()).as("TaskFailure message").isEqualTo("boom from the task");
        assertThat(Arrays.stream(failure.getStackTrace()).map(StackTraceElement::getClassName))
                .as("remote stack trace must contain the task's frames (class %s)", Tasks.class.getName())
                .contains(Tasks.class.getName());
    }

    /** PROC-EXIT-03. */
    @Test
    @Verifies(Rule.PROC_EXIT_03)
    @DisplayName("PROC-EXIT-03 System.exit(n) in the task gives exit code n")
    public void systemExitCode() {
        TaskProcess p = started(Tasks.exit(7));
        awaitExit(p);
        assertThat(p.exitCode()).as("exitCode() after System.exit(7)").hasValue(7);
    }

    /** PROC-JOIN-01. */
    @Test
    @Verifies(Rule.PROC_JOIN_01)
    @DisplayName("PROC-JOIN-01 join(timeout) on a running process returns false after the timeout")
    public void joinTimeout() {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        Duration timeout = env.timeoutUnderTest();
        Outcome<?> outcome = assertExpires(null, "join(" + timeout.toMillis() + " ms) of a running process", timeout,
                () -> p.join(timeout));
        assertThat(outcome.value()).as("join(timeout) of a running process must return false").isEqualTo(false);
        release(gate);
        assertThat(within("join(timeout) after the task was released", () -> p.join(env.scenarioLimit())))
                .as("join(timeout) of a finished process").isTrue();
        assertThat(within("join(0) of an exited process", () -> p.join(Duration.ZERO))).isTrue();
    }

    /** PROC-INT-01. */
    @Test
    @Verifies(Rule.PROC_INT_01)
    @DisplayName("PROC-INT-01 TaskProcess.join() responds to interrupt")
    public void interruptJoin() throws Exception {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        assertInterruptible("TaskProcess.join() of a running process", () -> {
            p.join();
            return null;
        });
        assertThat(p.isAlive()).as("the process after an interrupted join()").isTrue();
        release(gate);
        assertSucceeds(p);
    }

    /** PROC-INT-02. */
    @Test
    @Verifies(Rule.PROC_INT_02)
    @DisplayName("PROC-INT-02 TaskProcess.join(timeout) responds to interrupt")
    public void interruptTimedJoin() throws Exception {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        Duration longWait = env.scenarioLimit();
        assertInterruptible("TaskProcess.join(" + longWait.toSeconds() + " s) of a running process",
                () -> p.join(longWait));
        assertThat(p.isAlive()).as("the process after an interrupted join(timeout)").isTrue();
        release(gate);
        assertSucceeds(p);
    }

    /** PROC-NAME-01. */
    @Test
    @Verifies(Rule.PROC_NAME_01)
    @DisplayName("PROC-NAME-01 name and daemon flag come from the options")
    public void nameAndDaemon() {
        Queue<Integer> q = queue(0);
        TaskProcess named = process(Tasks.putRange(q, 0), ProcessOptions.defaults().withName("worker-7").withDaemon(true));
        assertThat(named.name()).as("name() with withName(\"worker-7\")").isEqualTo("worker-7");
        assertThat(named.isDaemon()).as("isDaemon() with withDaemon(true)").isTrue();
        TaskProcess first = process(Tasks.putRange(q, 0));
        TaskProcess second = process(Tasks.putRange(q, 0));
        assertThat(first.name()).as("generated name").isNotBlank();
        assertThat(second.name()).as("generated names of two processes must differ").isNotEqualTo(first.name());
        assertThat(first.isDaemon()).as("isDaemon() by default").isFalse();
    }

    /** PROC-PID-01. */
    @Test
    @Verifies(Rule.PROC_PID_01)
    @DisplayName("PROC-PID-01 pid() is empty before start and present after")
    public void pid() throws Exception {
        Queue<String> gate = queue(0);
        TaskProcess p = process(Tasks.awaitGate(gate));
        assertThat(p.pid()).as("pid() before start()").isEmpty();
        p.start();
        assertThat(p.pid()).as("pid() after start()").isPresent();
        assertThat(p.pid().getAsLong()).as("pid() after start()").isPositive();
        release(gate);
        assertSucceeds(p);
    }

    /** PROC-SIGNAL-01. */
    @Test
    @Verifies(Rule.PROC_SIGNAL_01)
    @DisplayName("PROC-SIGNAL-01 terminate() and kill() end the process with -15 and -9")
    public void signals() {
        Queue<String> gate = queue(0);
        TaskProcess terminated = startedOnGate(gate);
        TaskProcess killed = startedOnGate(gate);
        within("terminate()", () -> {
            terminated.terminate();
            return null;
        });
        awaitExit(terminated);
        assertThat(terminated.exitCode()).as("exitCode() after terminate()" + describeFailure(terminated)).hasValue(-15);
        within("kill()", () -> {
            killed.kill();
            return null;
        });
        awaitExit(killed);
        assertThat(killed.exitCode()).as("exitCode() after kill()" + describeFailure(killed)).hasValue(-9);
        assertThat(killed.isAlive()).as("isAlive() after kill()").isFalse();
        within("kill() of an exited process", () -> {
            killed.kill();
            return null;
        });
    }

    /** FEAT-SIGNALS-01. */
    @Test
    @Verifies(Rule.FEAT_SIGNALS_01)
    @DisplayName("FEAT-SIGNALS-01 without SIGNALS, terminate() and kill() raise UnsupportedOperationException")
    public void noSignals() throws Exception {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        assertThrowsPromptly(UnsupportedOperationException.class, "terminate() without SIGNALS", () -> {
            p.terminate();
            return null;
        });
        assertThrowsPromptly(UnsupportedOperationException.class, "kill() without SIGNALS", () -> {
            p.kill();
            return null;
        });
        assertThat(p.isAlive()).as("the process after refused signals").isTrue();
        release(gate);
        assertSucceeds(p);
    }

    /** FEAT-CROSS-01. */
    @Test
    @Verifies(Rule.FEAT_CROSS_01)
    @DisplayName("FEAT-CROSS-01 without CROSS_PROCESS, tasks run in the calling JVM")
    public void noCrossProcess() throws Exception {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        assertThat(p.pid()).as("pid() of a task where CROSS_PROCESS is not declared: the calling JVM's pid")
                .hasValue(ProcessHandle.current().pid());
        release(gate);
        assertSucceeds(p);
    }

    /** PROC-CLOSE-01. */
    @Test
    @Verifies(Rule.PROC_CLOSE_01)
    @DisplayName("PROC-CLOSE-01 close() stops a running process and waits for it")
    public void closeStops() {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        within("close() of a running process", () -> {
            p.close();
            return null;
        });
        assertThat(p.isAlive()).as("isAlive() after close() returned").isFalse();
        within("close() again", () -> {
            p.close();
            return null;
        });
        TaskProcess unstarted = process(Tasks.awaitGate(gate));
        within("close() of an unstarted process", () -> {
            unstarted.close();
            return null;
        });
        assertThat(unstarted.isAlive()).isFalse();
    }

    /** PROC-CLOSE-02. */
    @Test
    @Verifies(Rule.PROC_CLOSE_02)
    @DisplayName("PROC-CLOSE-02 close() by an interrupted thread still stops the process and keeps the interrupt status")
    public void closeWhileInterrupted() {
        Queue<String> gate = queue(0);
        TaskProcess p = startedOnGate(gate);
        Outcome<Object> closed = outcome("close() called with the interrupt status set", () -> {
            Thread.currentThread().interrupt();
            p.close();
            return null;
        });
        assertThat(closed.thrown()).as(closed.describe()).isNull();
        assertThat(p.isAlive()).as("isAlive() after close() by an interrupted thread returned").isFalse();
        assertThat(closed.interruptedAfter())
                .as("the interrupt status after close() returned to an interrupted caller (it must be kept)").isTrue();
    }

    /** PROC-SERIAL-01. */
    @Test
    @Verifies(Rule.PROC_SERIAL_01)
    @DisplayName("PROC-SERIAL-01 a task that cannot be serialized is refused by process()")
    public void unserializableTask() {
        Object notSerializable = new Object();
        Task task = () -> notSerializable.hashCode();
        Outcome<TaskProcess> outcome = outcome("process(task capturing a java.lang.Object)", () -> ctx.process(task));
        if (outcome.value() != null) {
            outcome.value().close();
        }
        if (!outcome.threw(IllegalArgumentException.class)) {
            throw new AssertionError("expected process(task capturing a java.lang.Object) to throw"
                    + " IllegalArgumentException at the call, but: " + outcome.describe(),
                    outcome.thrown());
        }
    }

    /** PROC-CAPTURE-01. */
    @Test
    @Verifies(Rule.PROC_CAPTURE_01)
    @DisplayName("PROC-CAPTURE-01 captured values are copies, captured queue handles denote the same queue")
    public void captures() throws Exception {
        Queue<Object> work = queue(0);
        Queue<Object> results = queue(0);
        ArrayList<String> captured = new ArrayList<>(List.of("parent"));
        TaskProcess p = started(Tasks.echoAndMutate(work, results, captured));
        within("put(ping)", () -> {
            work.put("ping");
            return null;
        });
        Duration wait = env.scenarioLimit();
        assertThat(within("get() of the echo", () -> results.get(wait))).as("the task's answer through a captured"
                + " queue").isEqualTo("echo:ping");
        assertThat(within("get() of the child's list", () -> results.get(wait))).as("the list as the child changed it")
                .isEqualTo(List.of("parent", "changed in the child"));
        assertSucceeds(p);
        assertThat(captured).as("the parent's list after the child changed its copy").containsExactly("parent");
    }

    /** PROC-OUTPUT-01. */
    @Test
    @Verifies(Rule.PROC_OUTPUT_01)
    @DisplayName("PROC-OUTPUT-01 captured output is refused unless it was requested")
    public void outputNotCaptured() {
        Queue<Integer> q = queue(0);
        TaskProcess p = process(Tasks.putRange(q, 0));
        assertThrowsPromptly(IllegalStateException.class, "capturedStdout() without capture", p::capturedStdout);
        assertThrowsPromptly(IllegalStateException.class, "capturedStderr() without capture", p::capturedStderr);
    }

    /** PROC-OUTPUT-02. */
    @Test
    @Verifies(Rule.PROC_OUTPUT_02)
    @DisplayName("PROC-OUTPUT-02 a child's output is captured when requested")
    public void outputCaptured() throws Exception {
        TaskProcess p = process(Tasks.print("tck-out-line", "tck-err-line"),
                ProcessOptions.defaults().withCapturedOutput(true));
        p.start();
        assertSucceeds(p);
        assertThat(p.capturedStdout()).as("capturedStdout()").contains("tck-out-line");
        assertThat(p.capturedStderr()).as("capturedStderr()").contains("tck-err-line");
    }

    /** X-HEAP-01. */
    @Test
    @Verifies(Rule.X_HEAP_01)
    @DisplayName("X-HEAP-01 a task runs with its own heap")
    public void ownHeap() throws Exception {
        Queue<Long> results = queue(0);
        String before = Tasks.staticMarker;
        TaskProcess p = started(Tasks.writeStatic("written by the child " + System.nanoTime(), results));
        assertSucceeds(p);
        long childPid = within("get() of the child's pid", () -> results.get(env.operationLimit()));
        assertThat(Tasks.staticMarker).as("a static field the child wrote must be unchanged in the parent (separate"
                + " heap)").isEqualTo(before);
        assertThat(childPid).as("the child's pid must differ from the parent's").isNotEqualTo(
                ProcessHandle.current().pid());
        assertThat(has(Feature.CROSS_PROCESS)).isTrue();
    }

    /** PROC-JVMOPTS-01. */
    @Test
    @Verifies(Rule.PROC_JVMOPTS_01)
    @DisplayName("PROC-JVMOPTS-01 ProcessOptions.withJvmOptions reaches the child JVM")
    public void jvmOptions() throws Exception {
        Queue<String> results = queue(0);
        String value = "set-by-the-tck-" + System.nanoTime();
        TaskProcess p = process(Tasks.reportProperty("jbilliard.tck.probe", results),
                ProcessOptions.defaults().withJvmOptions(List.of("-Djbilliard.tck.probe=" + value)));
        p.start();
        assertSucceeds(p);
        assertThat(within("get() of the child's system property", () -> results.get(env.operationLimit())))
                .as("System.getProperty(\"jbilliard.tck.probe\") in a child started withJvmOptions(-Djbilliard.tck.probe=…)")
                .isEqualTo(value);
    }
}
