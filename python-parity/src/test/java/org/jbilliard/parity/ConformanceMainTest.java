package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jbilliard.dummy.DummyContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceMainTest {

    @Test
    void runsTheSelectedScenariosAndWritesTheReports(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = ConformanceMain.run(new String[] {"--context", DummyContext.class.getName(), "--no-tck",
            "--allow-missing-tck", "--allow-missing-billiard", "--report-dir=" + dir, "--only", "^seed-example-exceptions$"},
            out);
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("[parity  1/1]").contains("seed-example-exceptions")
                // without the TCK the run is not verified, however well the scenarios agree
                .contains("RESULT         : NOT VERIFIED (allowed by the command line)")
                .contains("  - TCK missing: not run (--no-tck)");
        List<String> lines = console.strip().lines().toList();
        assertThat(lines.get(lines.size() - 1)).as("the summary is the last output:%n%s", console).matches("=+");
        assertThat(lines.get(lines.size() - 2)).startsWith("reports        : " + dir.resolve("index.html"));
        Map<String, Object> json = Json.parseObject(Files.readString(dir.resolve("report.json")));
        Map<?, ?> summary = (Map<?, ?>) json.get("summary");
        assertThat(summary.get("scenarios")).isEqualTo(1L);
        // agree where billiard is installed, skipped where it is not: never differ or error
        assertThat(summary.get("differ")).isEqualTo(0L);
        assertThat(summary.get("error")).isEqualTo(0L);
        assertThat(code).as(console).isZero();
        assertThat(dir.resolve("index.html")).exists();
    }

    @Test
    void aMissingTckFailsTheRunUnlessAllowed(@TempDir Path dir) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int code = ConformanceMain.run(new String[] {"--context=" + DummyContext.class.getName(),
            "--tck-jar=" + dir.resolve("absent.jar"), "--report-dir=" + dir, "--only=^queue-initial-state$"}, out);
        assertThat(code).isEqualTo(1);
        // flags as the Maven profile passes them: --flag=true|false
        assertThat(ConformanceMain.run(new String[] {"--context=" + DummyContext.class.getName(), "--no-tck=true",
            "--allow-missing-tck=false", "--report-dir=" + dir, "--only=^queue-initial-state$"}, out)).isEqualTo(1);
        assertThat(ConformanceMain.run(new String[] {"--context=" + DummyContext.class.getName(), "--no-tck=true",
            "--allow-missing-tck=true", "--allow-missing-billiard=true", "--report-dir=" + dir,
            "--only=^queue-initial-state$"}, out)).isZero();
    }

    @Test
    void aContextWhoseConstructorThrowsIsAUsageErrorNamingTheCause() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConformanceMain.run(new String[] {"--context", ThrowingContext.class.getName()}, out))
                .hasMessageContaining("its constructor threw java.lang.IllegalStateException: no licence")
                .hasMessageNotContaining("InvocationTargetException");
    }

    /** A class whose constructor fails before anything could check that it is a Context. */
    public static final class ThrowingContext {
        /** Always throws. */
        public ThrowingContext() {
            throw new IllegalStateException("no licence");
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ConformanceMain.run(new String[] {"--bogus"}, out)).hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> ConformanceMain.run(new String[] {"--context", "no.such.Context"}, out))
                .hasMessageContaining("cannot instantiate Context no.such.Context");
    }
}
