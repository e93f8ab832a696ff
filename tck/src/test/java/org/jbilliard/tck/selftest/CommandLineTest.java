package org.jbilliard.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jbilliard.tck.cli.TckMain;
import org.jbilliard.tck.mutants.QueueMutants;
import org.jbilliard.tck.threaded.ThreadedContext;
import org.junit.jupiter.api.Test;

/** The command line: reports written, exit status 0 for a conforming context, 1 naming a broken rule. */
class CommandLineTest {

    private static final Path BASE = Paths.get("target", "cli-selftest");

    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = TckMain.run(args, out, out);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; output:%n%s", text).isEqualTo(expectedStatus);
        return text;
    }

    @Test
    void conformingContextExitsZeroAndWritesReports() throws IOException {
        Path report = BASE.resolve("threaded");
        String output = run(0, "--context", ThreadedContext.class.getName(), "--report", report.toString(),
                "--rules", "Q-PUT,JQ-COUNT,SQ-PAYLOAD");
        assertThat(output).contains("PASS Q-PUT-01").contains("PASS SQ-PAYLOAD-01");
        String json = Files.readString(report.resolve("tck-report.json"));
        assertThat(json).contains("\"implementation\": \"threaded (" + ThreadedContext.class.getName() + ")\"")
                .contains("\"id\": \"Q-PUT-01\", \"level\": \"required\", \"status\": \"passed\"")
                .contains("\"requiredFailed\": 0");
        assertThat(report.resolve("tck-report.md")).exists();
        try (var files = Files.list(report)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("TEST-") && n.endsWith(".xml"));
        }
    }

    @Test
    void brokenContextExitsOneAndNamesTheRule() throws IOException {
        Path report = BASE.resolve("mutant");
        String output = run(1, "--context", QueueMutants.DropsItem.class.getName(), "--report", report.toString(),
                "--rules", "Q-PUT-01,Q-NULL-01");
        assertThat(output).contains("FAILED required rule Q-PUT-01").contains("if this fails, check:");
        assertThat(Files.readString(report.resolve("tck-report.json")))
                .contains("\"id\": \"Q-PUT-01\", \"level\": \"required\", \"status\": \"failed\"")
                .contains("\"requiredFailed\": 1");
    }

    @Test
    void forkedRunWithClassPathWorks() {
        Path report = BASE.resolve("forked");
        String classes = Paths.get("target", "test-classes").toString();
        run(0, "--context", ThreadedContext.class.getName(), "--classpath", classes, "--report", report.toString(),
                "--rules", "Q-NULL-01");
        assertThat(report.resolve("tck-report.json")).exists();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run(2, "--report", "x")).contains("--context <class> is required");
        assertThat(run(2, "--context", "no.such.Context", "--rules", "Q-PUT-01")).contains("not on the class path");
        assertThat(run(2, "--context", ThreadedContext.class.getName(), "--rules", "NOPE")).contains("no rule matches");
    }
}
