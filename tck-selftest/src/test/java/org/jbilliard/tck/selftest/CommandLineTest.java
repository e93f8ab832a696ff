package org.jbilliard.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jbilliard.Codec;
import org.jbilliard.Context;
import org.jbilliard.Feature;
import org.jbilliard.JoinableQueue;
import org.jbilliard.ProcessOptions;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;
import org.jbilliard.Task;
import org.jbilliard.TaskProcess;
import org.jbilliard.dummy.DummyContext;
import org.jbilliard.tck.cli.TckMain;
import org.jbilliard.tck.mutants.QueueMutants;
import org.jbilliard.tck.mutants.ForwardingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line: reports written, exit status 0 for a conforming context, 1 naming a broken rule with its
 * whole message, 2 with the root cause (never a stack trace) for setup errors, and the closing summary as
 * the last thing printed.
 */
class CommandLineTest {

    private static final Path BASE = Paths.get("target", "cli-selftest");

    @TempDir
    Path temp;

    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = TckMain.run(args, out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; output:%n%s", text).isEqualTo(expectedStatus);
        return text;
    }

    /** The text from the last summary header on. */
    private static String summary(String output) {
        int start = output.lastIndexOf(" jbilliard TCK ====");
        assertThat(start).as("a closing summary in:%n%s", output).isPositive();
        return output.substring(output.lastIndexOf('\n', start) + 1);
    }

    private static Set<String> files(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void conformingContextExitsZeroWritesReportsAndEndsWithTheSummary() throws IOException {
        Path report = BASE.resolve("dummy");
        String output = run(0, "--context", DummyContext.class.getName(), "--report", report.toString(),
                "--rules", "Q-PUT,JQ-COUNT,SQ-PAYLOAD,Q-MODEL");
        assertThat(output).contains("PASS Q-PUT-01").contains("PASS SQ-PAYLOAD-01").contains("PASS Q-MODEL-01");
        String json = Files.readString(report.resolve("tck-report.json"));
        assertThat(json).contains("\"implementation\": \"dummy (" + DummyContext.class.getName() + ")\"")
                .contains("\"id\": \"Q-PUT-01\", \"level\": \"required\", \"status\": \"passed\"")
                .contains("\"requiredFailed\": 0")
                .contains("\"not selected for this run\": ");
        // Exactly the reports: no jqwik database or other stray file in the report folder.
        assertThat(files(report)).containsExactlyInAnyOrder("tck-report.json", "tck-report.md",
                "TEST-jbilliard-tck.xml");
        String xml = Files.readString(report.resolve("TEST-jbilliard-tck.xml"));
        assertThat(xml).contains("name=\"Q-PUT-01 ").contains("name=\"Q-MODEL-01 ")
                .contains("<skipped message=\"not verified: not selected for this run\"/>")
                .doesNotContain("()[");
        String summary = summary(output);
        assertThat(summary).contains("RESULT         : CONFORMS")
                .containsPattern("rules          : \\d+ passed, 0 failed, \\d+ not verified \\(\\d+ not selected for this run")
                .contains("TEST-jbilliard-tck.xml");
        List<String> lines = output.strip().lines().collect(Collectors.toList());
        assertThat(lines.get(lines.size() - 1)).as("the summary is the last output").matches("=+");
        assertThat(output).doesNotContain("\tat ").doesNotContain("jqwik 1.").doesNotContain("Agent");
    }

    @Test
    void brokenContextExitsOneAndKeepsTheWholeMessageEverywhere() throws IOException {
        Path report = temp.resolve("mutant");
        String output = run(1, "--context", QueueMutants.DropsItem.class.getName(), "--report", report.toString(),
                "--rules", "Q-PUT-01,Q-NULL-01,Q-MODEL-01");
        assertThat(output).contains("FAIL Q-MODEL-01");
        String progress = output.substring(output.indexOf("FAIL Q-MODEL-01"), output.lastIndexOf(" jbilliard TCK ===="));
        // The jqwik property's failure keeps what disagreed and the shrunk action sequence ...
        assertThat(progress).contains("the model expects").contains("; actions: [");
        String summary = summary(output);
        // ... in the progress line, in the summary and in the JUnit XML alike.
        assertThat(summary).contains("FAILED required rule Q-PUT-01").contains("FAILED required rule Q-MODEL-01")
                .contains("the model expects").contains("; actions: [").contains("if this fails, check:")
                .contains("RESULT         : DOES NOT CONFORM");
        assertThat(Files.readString(report.resolve("tck-report.json")))
                .contains("\"id\": \"Q-PUT-01\", \"level\": \"required\", \"status\": \"failed\"")
                .contains("\"requiredFailed\": 2");
        String xml = Files.readString(report.resolve("TEST-jbilliard-tck.xml"));
        assertThat(xml).contains("name=\"Q-MODEL-01 ").contains("<failure").contains("; actions: [")
                .contains("If this fails, check:");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void noJunitXmlLeavesTheXmlToWhoeverReportsTheRun() throws IOException {
        Path report = temp.resolve("no-xml");
        run(0, "--context", DummyContext.class.getName(), "--report", report.toString(), "--rules", "Q-NULL-01",
                "--no-junit-xml");
        assertThat(files(report)).containsExactlyInAnyOrder("tck-report.json", "tck-report.md");
    }

    @Test
    void forkedRunWithClassPathWorks() {
        Path report = temp.resolve("forked");
        String classes = Paths.get("target", "test-classes").toString();
        String output = run(0, "--context", DummyContext.class.getName(), "--classpath", classes, "--report",
                report.toString(), "--rules", "Q-NULL-01");
        assertThat(report.resolve("tck-report.json")).exists();
        assertThat(output.strip()).endsWith("=".repeat(62));
        // nothing on standard error: no log file left behind
        assertThat(report.resolve("stderr.log")).doesNotExist();
    }

    @Test
    void forkedRunKeepsStandardErrorOfTheImplementationOutOfTheLog() throws IOException {
        Path report = temp.resolve("forked-stderr");
        String classes = Paths.get("target", "test-classes").toString();
        // PROC-EXIT-02 makes a task throw on purpose; without capture the dummy prints its stack trace to stderr.
        String output = run(0, "--context", UncapturedContext.class.getName(), "--classpath", classes, "--report",
                report.toString(), "--rules", "PROC-EXIT-02");
        assertThat(output).contains("PASS PROC-EXIT-02").doesNotContain("\tat ").doesNotContain("boom from the task")
                .contains("stderr.log: ");
        assertThat(Files.readString(report.resolve("stderr.log"))).contains("boom from the task").contains("\tat ");
        assertThat(files(report)).containsExactlyInAnyOrder("tck-report.json", "tck-report.md",
                "TEST-jbilliard-tck.xml", "stderr.log");
    }

    @Test
    void forkedSetupErrorIsPrintedWithItsCause() throws IOException {
        Path report = temp.resolve("forked-missing");
        String classes = Paths.get("target", "test-classes").toString();
        String output = run(2, "--context", "no.such.Context", "--classpath", classes, "--report", report.toString(),
                "--rules", "Q-PUT-01");
        assertThat(output).contains("setup error").contains("no.such.Context is not on the class path")
                .doesNotContain("\tat ");
        assertThat(files(report)).isEmpty();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run(2, "--report", "x")).contains("--context <class> is required");
        assertThat(run(2, "--context", DummyContext.class.getName(), "--rules", "NOPE")).contains("no rule matches");
    }

    @Test
    void missingContextClassExitsTwoWithTheCause() {
        String output = run(2, "--context", "no.such.Context", "--rules", "Q-PUT-01");
        assertThat(output).contains("setup error").contains("no.such.Context is not on the class path")
                .doesNotContain("\tat ");
    }

    @Test
    void throwingConstructorExitsTwoWithTheRootCauseUnwrapped() {
        String output = run(2, "--context", ThrowingContext.class.getName(), "--rules", "Q-PUT-01");
        assertThat(output).contains("setup error")
                .contains("the constructor of " + ThrowingContext.class.getName()
                        + " threw java.lang.IllegalStateException: no licence for this machine")
                .doesNotContain("InvocationTargetException").doesNotContain("\tat ");
    }

    @Test
    void contextCompiledForANewerJavaExitsTwoAndSaysSo() throws IOException {
        writeClass(temp.resolve("classes"), "setup/TooNew", "java/lang/Object", 99);
        String output = run(2, "--context", "setup.TooNew", "--classpath", temp.resolve("classes").toString(),
                "--in-process", "--rules", "Q-PUT-01");
        assertThat(output).contains("setup error").contains("was compiled for a newer Java")
                .contains("Java " + Runtime.version().feature()).doesNotContain("\tat ");
    }

    @Test
    void contextNeedingAMissingClassExitsTwoAndNamesIt() throws IOException {
        writeClass(temp.resolve("classes"), "setup/NeedsMissing", "missing/Base", 61);
        String output = run(2, "--context", "setup.NeedsMissing", "--classpath", temp.resolve("classes").toString(),
                "--in-process", "--rules", "Q-PUT-01");
        assertThat(output).contains("setup error").contains("needs a class that is not on the class path")
                .contains("missing/Base").doesNotContain("\tat ");
    }

    @Test
    void forkedJvmThatCannotStartExitsTwo() {
        String classes = Paths.get("target", "test-classes").toString();
        String output = run(2, "--context", DummyContext.class.getName(), "--classpath", classes,
                "--jvm-arg", "-XX:+NoSuchJvmOption", "--report", temp.resolve("bad-jvm").toString(),
                "--rules", "Q-NULL-01");
        assertThat(output).contains("setup error").contains("before it wrote a report");
    }

    /** Writes a class file with no members: enough to make the JVM check its version and superclass. */
    private static void writeClass(Path root, String name, String superName, int major) throws IOException {
        Path file = root.resolve(name + ".class");
        Files.createDirectories(file.getParent());
        try (OutputStream stream = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(stream)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(major);
            out.writeShort(5);
            out.writeByte(7);
            out.writeShort(2);
            out.writeByte(1);
            out.writeUTF(name);
            out.writeByte(7);
            out.writeShort(4);
            out.writeByte(1);
            out.writeUTF(superName);
            out.writeShort(0x0021);
            out.writeShort(1);
            out.writeShort(3);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(0);
        }
    }

    /**
     * The dummy context, except that a task's output is never captured: its uncaught exception reaches the
     * standard error of the JVM, as a child process's would without capture.
     */
    public static final class UncapturedContext extends ForwardingContext {
        @Override
        public TaskProcess process(Task task, ProcessOptions options) {
            return delegate.process(task, options.withCapturedOutput(false));
        }
    }

    /** A context whose constructor fails, as one missing its licence or native library would. */
    public static final class ThrowingContext implements Context {
        /** Always throws. */
        public ThrowingContext() {
            throw new IllegalStateException("no licence for this machine");
        }

        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public Set<Feature> features() {
            return Set.of();
        }

        @Override
        public int maxItemBytes() {
            return 0;
        }

        @Override
        public Codec defaultCodec() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Queue<T> queue(int maxsize, Codec codec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> JoinableQueue<T> joinableQueue(int maxsize, Codec codec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> SimpleQueue<T> simpleQueue(Codec codec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskProcess process(Task task, ProcessOptions options) {
            throw new UnsupportedOperationException();
        }
    }
}
