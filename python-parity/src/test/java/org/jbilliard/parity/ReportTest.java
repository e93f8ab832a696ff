package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jbilliard.parity.ViewsTest.err;
import static org.jbilliard.parity.ViewsTest.ok;
import static org.jbilliard.parity.ViewsTest.result;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final List<Scenario> SCENARIOS = List.of(
            ViewsTest.scenario("{\"id\":\"same\",\"main\":[]}"),
            ViewsTest.scenario("{\"id\":\"documented\",\"rows\":[4],\"main\":[]}"),
            ViewsTest.scenario("{\"id\":\"truly-differs\",\"main\":[]}"));

    /** billiard always observes Empty; jbilliard gets an item except in "same". */
    private static final ScenarioRunner BILLIARD = s -> result(Map.of("main", List.of(err("get", "empty", "Empty"))));
    private static final ScenarioRunner JBILLIARD = s -> s.id().equals("same")
            ? result(Map.of("main", List.of(err("get", "empty", "Empty: q"))))
            : result(Map.of("main", List.of(ok("get", "x"))));

    private static final Map<String, Deviation> DEVIATIONS = Deviation.parseAll(
            "{\"deviations\":[{\"scenario\":\"documented\",\"row\":4,\"reason\":\"takes the ready item\","
                    + "\"views\":[\"main\"],\"java\":{\"main\":{\"main\":[{\"step\":\"get\",\"ok\":\"x\"}]}}}]}");

    private static ParityRun.Outcome run(ScenarioRunner billiard, boolean ci) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ParityRun.run(SCENARIOS, billiard, "No module named 'billiard'", ci, JBILLIARD, DEVIATIONS, quiet);
    }

    private static Path tckReport(Path dir, String requiredStatus) throws IOException {
        Files.writeString(dir.resolve("tck-report.json"), "{\"implementation\":\"reference\",\"features\":[\"QSIZE\"],"
                + "\"rules\":[{\"id\":\"Q-1\",\"level\":\"required\",\"status\":\"" + requiredStatus + "\",\"title\":\"put <b>\","
                + "\"source\":\"seed\",\"message\":null},{\"id\":\"X-1\",\"level\":\"optional\",\"status\":\"not-verified\","
                + "\"title\":\"crash\",\"source\":\"row 19\",\"message\":\"feature CRASH_SAFE not declared\"}],"
                + "\"summary\":{\"passed\":1,\"failed\":0,\"notVerified\":1,\"requiredFailed\":0}}");
        return dir;
    }

    private static ConformanceReport report(ParityRun.Outcome parity, TckResult tck) {
        return new ConformanceReport("reference", Map.of("java", "25", "os", "Linux", "python", "3.11", "billiard", "4.1.0"),
                tck, true, parity, DEVIATIONS);
    }

    @Test
    void aTrulyDifferentScenarioFailsADocumentedOneDoesNot(@TempDir Path dir) throws IOException {
        ParityRun.Outcome parity = run(BILLIARD, false);
        assertThat(parity.verdicts()).extracting(Verdict::status).containsExactly("agree", "deviation", "differ");
        ConformanceReport report = report(parity, TckResult.read(tckReport(dir, "passed"), 0));
        assertThat(report.failures()).singleElement().asString().contains("truly-differs").contains("differ");
    }

    @Test
    void withoutBilliardEveryScenarioIsSkippedWithTheInstallHintOrAnErrorOnCi() {
        ParityRun.Outcome local = run(null, false);
        assertThat(local.verdicts()).allSatisfy(v -> {
            assertThat(v.status()).isEqualTo("skipped");
            assertThat(v.detail()).contains("apt-get install python3-billiard").contains("pip install billiard");
        });
        assertThat(run(null, true).verdicts()).allSatisfy(v -> assertThat(v.status()).isEqualTo("error"));
    }

    @Test
    void withoutBilliardTheRunIsNotVerifiedAndFailsUnlessAllowed(@TempDir Path dir) throws IOException {
        ParityRun.Outcome skipped = ParityRun.run(SCENARIOS.subList(0, 1), null, "No module named 'billiard'", false,
                JBILLIARD, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        TckResult tck = TckResult.read(tckReport(dir, "passed"), 0);
        ConformanceReport strict = new ConformanceReport("reference", Map.of(), tck, true, skipped, Map.of());
        assertThat(strict.verdict()).isEqualTo(ConformanceReport.NOT_VERIFIED);
        assertThat(strict.failures()).singleElement().asString()
                .startsWith("parity: 1 of 1 scenarios skipped: billiard unavailable (No module named 'billiard')")
                .contains("apt-get install python3-billiard");
        String summary = ReportWriter.summary(strict, dir);
        assertThat(summary).contains("RESULT         : NOT VERIFIED (fails the run)")
                .contains("  - parity: 1 of 1 scenarios skipped").doesNotContain("PASSED");

        ConformanceReport allowed = new ConformanceReport("reference", Map.of(), tck, true, skipped, Map.of(), false);
        assertThat(allowed.failures()).isEmpty();
        assertThat(allowed.verdict()).isEqualTo(ConformanceReport.NOT_VERIFIED);
        assertThat(ReportWriter.summary(allowed, dir)).contains("RESULT         : NOT VERIFIED (allowed by the command line)")
                .contains("  - parity: 1 of 1 scenarios skipped").doesNotContain("PASSED");
        Map<?, ?> json = (Map<?, ?>) allowed.toJson().get("summary");
        assertThat(json.get("verdict")).isEqualTo("not-verified");
        assertThat(json.get("passed")).isEqualTo(false);
        assertThat(ReportWriter.markdown(allowed)).contains("**NOT VERIFIED**");
        assertThat(ReportWriter.html(allowed)).contains("<div class=\"verdict not-verified\">NOT VERIFIED</div>");
        assertThat(ReportWriter.junit(allowed)).contains("<skipped message=\"billiard unavailable");
    }

    @Test
    void thePythonClientIsHeldToItsOwnDeviationElseToJavasAndReportedInASectionOfItsOwn(@TempDir Path dir)
            throws IOException {
        List<Scenario> scenarios = List.of(
                ViewsTest.scenario("{\"id\":\"documented\",\"rows\":[4],\"main\":[]}"),
                ViewsTest.scenario("{\"id\":\"python-own\",\"rows\":[9],\"main\":[]}"),
                ViewsTest.scenario("{\"id\":\"java-only\",\"rows\":[9],\"main\":[]}"),
                ViewsTest.scenario("{\"id\":\"python-wrong\",\"rows\":[9],\"main\":[]}"));
        Map<String, Deviation> java = Deviation.parseAll("{\"deviations\":["
                + "{\"scenario\":\"documented\",\"row\":4,\"reason\":\"r\",\"views\":[\"main\"],"
                + "\"java\":{\"main\":{\"main\":[{\"step\":\"get\",\"ok\":\"x\"}]}}},"
                + "{\"scenario\":\"java-only\",\"row\":9,\"reason\":\"r\",\"views\":[\"main\"],"
                + "\"java\":{\"main\":{\"main\":[{\"step\":\"get\",\"error\":\"closed\"}]}}},"
                + "{\"scenario\":\"python-wrong\",\"row\":9,\"reason\":\"r\",\"views\":[\"main\"],"
                + "\"java\":{\"main\":{\"main\":[{\"step\":\"get\",\"error\":\"closed\"}]}}}]}");
        Map<String, Deviation> python = Deviation.parseAll("{\"deviations\":[{\"scenario\":\"python-own\",\"row\":9,"
                + "\"reason\":\"closed handles raise OSError\",\"views\":[\"main\"],"
                + "\"python\":{\"main\":{\"main\":[{\"step\":\"get\",\"error\":\"os-error\"}]}}}]}", "python");
        // documented: deviates as Java does; python-own: its own pin; java-only: agrees with billiard (not stale);
        // python-wrong: differs from billiard and from Java's pin, with no Python deviation: differ.
        ScenarioRunner client = s -> switch (s.id()) {
            case "documented" -> result(Map.of("main", List.of(ok("get", "x"))));
            case "python-own", "python-wrong" -> result(Map.of("main", List.of(err("get", "os-error", "OSError"))));
            default -> result(Map.of("main", List.of(err("get", "empty", "Empty"))));
        };
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ParityRun.Outcome outcome = ParityRun.runPythonClient(scenarios, BILLIARD, null, false, client, java, python,
                quiet);
        assertThat(outcome.verdicts()).extracting(Verdict::status)
                .containsExactly("deviation", "deviation", "agree", "differ");
        assertThat(outcome.verdicts()).noneMatch(Verdict::stale);
        assertThat(outcome.verdicts().get(2).detail()).contains("does not apply to the Python client");

        ConformanceReport report = report(run(BILLIARD, false), TckResult.read(tckReport(dir, "passed"), 0))
                .withPythonClient(new PythonClientParity(outcome, Map.of("client", "jbilliard 0.1.0"), null, python));
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).startsWith("python client scenario python-wrong"));
        assertThat(ReportWriter.summary(report, dir))
                .contains("python client  : 4 scenarios: 1 agree, 2 deviation, 1 differ, 0 skipped, 0 error");
        assertThat(ReportWriter.markdown(report)).contains("## Python client (jbilliard-python) vs billiard")
                .contains("| python-own | 9 | closed handles raise OSError |");
        assertThat(ReportWriter.html(report)).contains("<h2>Python client").contains("The Python client's own deviations");
        assertThat(ReportWriter.junit(report)).contains("classname=\"jbilliard.parity.python-client\" name=\"python-wrong\"");
        assertThat((List<?>) ((Map<?, ?>) report.toJson().get("pythonClient")).get("scenarios")).hasSize(4);

        ConformanceReport notRun = report(run(BILLIARD, false), TckResult.read(tckReport(dir, "passed"), 0))
                .withPythonClient(new PythonClientParity(null, Map.of(), "cannot run redis-server", python));
        assertThat(notRun.notVerified()).contains("python client: not run: cannot run redis-server");
        assertThat(ReportWriter.summary(notRun, dir)).contains("python client  : not run — cannot run redis-server");
    }

    @Test
    void aTckThatExitedWithoutAReportIsAnErrorNotMerelyMissing(@TempDir Path dir) {
        TckResult setupError = TckResult.read(dir, 2);
        assertThat(setupError.status()).isEqualTo("error");
        assertThat(setupError.message()).contains("exited with 2");
    }

    @Test
    void aFailedRequiredRuleOrAMissingTckFailsTheRun(@TempDir Path dir) throws IOException {
        ParityRun.Outcome agreeing = ParityRun.run(SCENARIOS.subList(0, 1), BILLIARD, null, false, JBILLIARD, Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(report(agreeing, TckResult.read(tckReport(dir, "passed"), 0)).failures()).isEmpty();
        assertThat(report(agreeing, TckResult.read(tckReport(dir, "failed"), 1)).failures())
                .containsExactly("1 required TCK rule(s) failed");
        TckResult missing = TckResult.read(dir.resolve("nowhere"), null);
        assertThat(missing.status()).isEqualTo("missing");
        assertThat(report(agreeing, missing).failures()).singleElement().asString().startsWith("TCK missing");
    }

    @Test
    void deviationsNamingNoScenarioAreReported() {
        ParityRun.Outcome parity = ParityRun.run(SCENARIOS.subList(0, 1), BILLIARD, null, false, JBILLIARD, DEVIATIONS,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(parity.unknownDeviations()).containsExactly("documented");
    }

    @Test
    void writesJsonMarkdownHtmlAndJunitXml(@TempDir Path dir) throws IOException {
        ConformanceReport report = report(run(BILLIARD, false), TckResult.read(tckReport(dir, "passed"), 0));
        Path out = dir.resolve("conformance");
        ReportWriter.writeAll(report, out);

        Map<String, Object> json = Json.parseObject(Files.readString(out.resolve("report.json")));
        assertThat(json).containsKeys("implementation", "environment", "rules", "scenarios", "summary");
        assertThat(((Map<?, ?>) json.get("environment")).keySet().toString()).contains("java").contains("billiard").contains("os").contains("python");
        assertThat(Json.write(json.get("rules"))).contains("\"id\":\"Q-1\",\"level\":\"required\",\"status\":\"passed\"");
        assertThat(Json.write(json.get("scenarios"))).contains("\"id\":\"truly-differs\"").contains("\"status\":\"differ\"");
        Map<?, ?> summary = (Map<?, ?>) json.get("summary");
        assertThat(summary.get("agree")).isEqualTo(1L);
        assertThat(summary.get("deviation")).isEqualTo(1L);
        assertThat(summary.get("differ")).isEqualTo(1L);
        assertThat(summary.get("passed")).isEqualTo(false);

        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("**FAILED**").contains("| truly-differs |").contains("| documented | 4 | takes the ready item |");

        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<table").contains("truly-differs").contains("4.1.0").contains("put &lt;b&gt;");
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=").doesNotContain("url(");

        String xml = Files.readString(out.resolve("TEST-jbilliard-parity.xml"));
        assertThat(xml).contains("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\"")
                .contains("<testcase classname=\"jbilliard.parity\" name=\"truly-differs\"");

        String console = ReportWriter.summary(report, out);
        assertThat(console).contains("RESULT         : FAILED")
                .contains("3 scenarios: 1 agree, 1 deviation, 1 differ").contains("1 passed, 0 failed (0 required), 1 not verified")
                .contains("reports        : " + out.resolve("index.html"));
        assertThat(console.lines().count()).isLessThan(30);
        assertThat(console.strip().lines().reduce((a, b) -> b).orElseThrow()).matches("=+");
    }
}
