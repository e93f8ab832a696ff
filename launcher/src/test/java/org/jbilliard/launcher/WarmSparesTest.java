package org.jbilliard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Warm spares, for real: child JVMs counted by pid, a parent JVM killed with SIGKILL. Each test
 * starts from no spare and leaves none behind.
 */
class WarmSparesTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    /** No start-up cache: its background build would change the command half-way through a test. */
    private static final ProcessOptions OPTIONS = ProcessOptions.defaults().withoutStartupCache()
            .withCapturedOutput(true);

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("child JVMs left behind").isZero();
    }

    private WarmSpares pool(int count, ProcessOptions options) {
        WarmSpares pool = WarmSpares.start(count, options, StartupCache.NO_SUPPORT);
        cleanup.add(pool);
        return pool;
    }

    private JvmTaskProcess process(Task task, ProcessOptions options, WarmSpares pool) {
        JvmTaskProcess process = JvmTaskProcess.create(task, options, StartupCache.NO_SUPPORT, pool);
        cleanup.add(0, process);
        return process;
    }

    /** What a child reports about itself: its JVM options and its class path. */
    static void reportJvm() {
        System.out.println("args=" + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("cp=" + System.getProperty("java.class.path"));
        System.out.println("pid=" + ProcessHandle.current().pid());
    }

    private static String runToEnd(JvmTaskProcess process) throws InterruptedException {
        process.start();
        assertThat(process.join(BOUND)).as("child exited within the bound").isTrue();
        String stdout = process.capturedStdout();
        assertThat(process.exitCode()).as(stdout + process.capturedStderr()).hasValue(0);
        return stdout;
    }

    /**
     * Under Surefire a task class's location is added to a class path that names it only through the
     * booter jar's manifest, so the first request teaches the pool the command; this runs it.
     */
    private static void teach(WarmSpares pool, ProcessOptions options) throws InterruptedException {
        JvmTaskProcess first = JvmTaskProcess.create(WarmSparesTest::reportJvm, options, StartupCache.NO_SUPPORT, pool);
        try (first) {
            runToEnd(first);
        }
        assertThat(pool.awaitReady(BOUND)).as("spares ready: " + pool).isTrue();
    }

    @Test
    void startHandsTheTaskToAWaitingSpareWithTheCommandOfAFreshChild() throws Exception {
        String cold = runToEnd(process(WarmSparesTest::reportJvm, OPTIONS, null));

        WarmSpares pool = pool(1, OPTIONS);
        teach(pool, OPTIONS);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("one spare waits, as a child of this JVM").isEqualTo(1);
        List<Long> waiting = pool.pids();
        JvmTaskProcess warm = process(WarmSparesTest::reportJvm, OPTIONS.withName("warm"), pool);
        String stdout = runToEnd(warm);

        assertThat(warm.startedFromSpare()).isTrue();
        assertThat(waiting).containsExactly(warm.pid().orElseThrow());
        assertThat(lines(stdout, "args=", "cp=")).as("the spare's JVM options and class path")
                .isEqualTo(lines(cold, "args=", "cp="));
        assertThat(pool.awaitReady(BOUND)).as("the pool started a replacement").isTrue();
        assertThat(pool.pids()).hasSize(1).doesNotContain(warm.pid().orElseThrow());
    }

    @Test
    void aRequestWithOtherOptionsStartsColdAndLeavesTheSparesAlone() throws Exception {
        ProcessOptions small = OPTIONS.withJvmOptions(List.of("-Xmx64m"));
        WarmSpares pool = pool(1, small);
        teach(pool, small);
        List<Long> waiting = pool.pids();

        ProcessOptions other = OPTIONS.withJvmOptions(List.of("-Xmx96m"));
        JvmTaskProcess process = process(WarmSparesTest::reportJvm, other, pool);
        String stdout = runToEnd(process);

        assertThat(process.startedFromSpare()).isFalse();
        assertThat(waiting).doesNotContain(process.pid().orElseThrow());
        assertThat(stdout).contains("-Xmx96m").doesNotContain("-Xmx64m");
        assertThat(pool.pids()).isEqualTo(waiting);

        JvmTaskProcess uncaptured = process(() -> { }, small.withCapturedOutput(false), pool);
        uncaptured.start();
        assertThat(uncaptured.join(BOUND)).isTrue();
        assertThat(uncaptured.startedFromSpare()).as("output handling is part of the command").isFalse();
        assertThat(pool.pids()).isEqualTo(waiting);
    }

    @Test
    void aSpareThatDiedWhileWaitingIsReplacedAndNeverHandedOut() throws Exception {
        WarmSpares pool = pool(1, OPTIONS);
        teach(pool, OPTIONS);
        long dead = pool.pids().get(0);
        ProcessHandle spare = ProcessHandle.of(dead).orElseThrow();
        spare.destroyForcibly();
        spare.onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);

        JvmTaskProcess process = process(WarmSparesTest::reportJvm, OPTIONS, pool);
        String stdout = runToEnd(process);
        assertThat(process.pid()).isNotEqualTo(java.util.OptionalLong.of(dead));
        assertThat(stdout).contains("pid=" + process.pid().orElseThrow());

        assertThat(pool.awaitReady(BOUND)).as("the dead spare was replaced").isTrue();
        assertThat(pool.pids()).hasSize(1).doesNotContain(dead);
    }

    @Test
    void closingThePoolKillsEverySpareAndLeavesNoDirectory() throws Exception {
        List<Path> before = resultDirectories(ProcessHandle.current().pid());
        WarmSpares pool = pool(2, OPTIONS);
        assertThat(pool.awaitReady(BOUND)).isTrue();
        List<Long> pids = pool.pids();
        assertThat(pids).hasSize(2);
        assertThat(resultDirectories(ProcessHandle.current().pid())).hasSize(before.size() + 2);

        pool.close();

        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("spare " + pid).isEmpty();
        }
        assertThat(resultDirectories(ProcessHandle.current().pid())).isEqualTo(before);
        JvmTaskProcess after = process(() -> { }, OPTIONS, pool);
        after.start();
        assertThat(after.join(BOUND)).isTrue();
        assertThat(after.startedFromSpare()).as("a closed pool serves nothing").isFalse();
    }

    @Test
    void sparesDieWithAParentKilledBySigkill() throws Exception {
        Process parent = startParent(2);
        List<Long> spares = readSpares(parent);
        try {
            assertThat(spares).hasSize(2);
            assertThat(parent.toHandle().children().map(ProcessHandle::pid).toList())
                    .containsExactlyInAnyOrderElementsOf(spares);
            assertThat(resultDirectories(parent.pid())).hasSize(2);

            parent.destroyForcibly(); // SIGKILL: no hook runs in the parent
            assertThat(parent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

            awaitGone(spares);
            await().atMost(BOUND).alias("the spares' result directories deleted")
                    .until(() -> resultDirectories(parent.pid()).isEmpty());
        } finally {
            killAll(parent, spares);
        }
    }

    @Test
    void sparesEndWhenTheParentExitsNormallyWithoutClosingThePool() throws Exception {
        Process parent = startParent(1);
        List<Long> spares = readSpares(parent);
        try {
            assertThat(spares).hasSize(1);
            try (OutputStream in = parent.getOutputStream()) {
                in.write('\n'); // main returns; the pool was never closed
            }
            assertThat(parent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(parent.exitValue()).isZero();
            awaitGone(spares);
            assertThat(resultDirectories(parent.pid())).isEmpty();
        } finally {
            killAll(parent, spares);
        }
    }

    @Test
    void aPoolNeedsASpareAndTheSameSupport() {
        assertThatThrownBy(() -> WarmSpares.start(0, OPTIONS, StartupCache.NO_SUPPORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one spare, not 0");
        WarmSpares pool = pool(1, OPTIONS);
        LaunchSupport other = task -> LaunchSupport.Pins.NONE;
        assertThatThrownBy(() -> JvmTaskProcess.create(() -> { }, OPTIONS, other, pool))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another context's launch support");
    }

    private static Process startParent(int spares) throws IOException {
        List<String> command = new ArrayList<>(List.of(ParentJvm.javaExecutable(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SpareParentMain.class.getName(), Integer.toString(spares)));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static List<Long> readSpares(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "error " + e;
            }
        }).get(2 * BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(line).as("the parent's report").startsWith("spares ");
        return Arrays.stream(line.substring("spares ".length()).split(" ")).map(Long::valueOf).toList();
    }

    private static void awaitGone(List<Long> pids) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).alias("spares " + pids + " to exit")
                .until(() -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()));
    }

    private static void killAll(Process parent, List<Long> spares) throws InterruptedException {
        parent.destroyForcibly();
        parent.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS);
        for (long pid : spares) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Path dir : resultDirectories(parent.pid())) {
            new ResultDirectory(dir).deleteQuietly();
        }
    }

    private static List<Path> resultDirectories(long parentPid) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(ResultDirectory.base(),
                ResultDirectory.prefix(parentPid) + "*")) {
            entries.forEach(found::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        found.sort(null);
        return found;
    }

    private static List<String> lines(String text, String... prefixes) {
        return text.lines().filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith)).toList();
    }
}
