package org.jbilliard.tck.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jbilliard.Feature;
import org.jbilliard.tck.Rule;

/**
 * Writes {@code tck-report.json} and {@code tck-report.md} for a {@link TckReport}. The JSON format is
 * read by the conformance run; its fields are documented in the TCK README.
 *
 * <p>Stateless; thread-safe. Writing throws {@link java.io.UncheckedIOException} on I/O failure.
 */
public final class ReportWriter {

    /** File name of the JSON report. */
    public static final String JSON = "tck-report.json";
    /** File name of the Markdown report. */
    public static final String MARKDOWN = "tck-report.md";
    /** File name of the JUnit XML report: one test case per rule, named by its ID and title. */
    public static final String JUNIT_XML = "TEST-jbilliard-tck.xml";

    private ReportWriter() {
    }

    /**
     * Writes the JSON, Markdown and JUnit XML reports into a directory, creating it.
     *
     * @param report    the report
     * @param directory the directory
     * @return the names of the files written
     * @throws UncheckedIOException if writing fails
     */
    public static List<String> write(TckReport report, Path directory) {
        return write(report, directory, true);
    }

    /**
     * Writes the reports into a directory, creating it.
     *
     * @param report    the report
     * @param directory the directory
     * @param junitXml  whether to write {@value #JUNIT_XML}; a run inside a JUnit build leaves JUnit XML to the
     *                  build tool, so that a {@code **}{@code /TEST-*.xml} glob counts every rule once
     * @return the names of the files written
     * @throws UncheckedIOException if writing fails
     */
    public static List<String> write(TckReport report, Path directory, boolean junitXml) {
        List<String> files = new ArrayList<>(List.of(JSON, MARKDOWN));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(JSON), json(report), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(MARKDOWN), markdown(report), StandardCharsets.UTF_8);
            if (junitXml) {
                Files.writeString(directory.resolve(JUNIT_XML), junitXml(report), StandardCharsets.UTF_8);
                files.add(JUNIT_XML);
            } else {
                // A report directory reused across runs must not keep XML of an earlier run.
                Files.deleteIfExists(directory.resolve(JUNIT_XML));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TCK report to " + directory, e);
        }
        return files;
    }

    /**
     * Renders the JUnit XML report (the legacy format CI servers read): one test suite, one test case per
     * rule named {@code "<ID> <title>"}; a failed rule carries its whole message and hint, a rule not
     * verified is skipped with its reason.
     *
     * @param report the report
     * @return the XML text
     */
    public static String junitXml(TckReport report) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT,
                "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
                xml("jbilliard TCK: " + report.implementation()), report.results().size(),
                report.count(RuleStatus.FAILED), report.count(RuleStatus.NOT_VERIFIED), report.millis() / 1000.0));
        out.append("  <properties>\n");
        property(out, "implementation", report.implementation());
        property(out, "features", report.features().stream().map(Feature::name).sorted()
                .collect(Collectors.joining(",")));
        property(out, "timeFactor", String.valueOf(report.timeFactor()));
        property(out, "tally", report.tally());
        out.append("  </properties>\n");
        for (RuleResult result : report.results()) {
            Rule rule = result.rule();
            out.append(String.format(Locale.ROOT, "  <testcase classname=\"jbilliard.tck.%s\" name=\"%s\" time=\"%.3f\"",
                    rule.level(), xml(rule.id() + " " + rule.title()), result.millis() / 1000.0));
            switch (result.status()) {
                case FAILED:
                    out.append(">\n    <failure type=\"").append(rule.level()).append(" rule failed\" message=\"")
                            .append(xml(firstLine(result.message()))).append("\">")
                            .append(xml(result.message() + "\nIf this fails, check: " + rule.hint()))
                            .append("</failure>\n  </testcase>\n");
                    break;
                case NOT_VERIFIED:
                    out.append(">\n    <skipped message=\"").append(xml(result.message())).append("\"/>\n  </testcase>\n");
                    break;
                default:
                    out.append("/>\n");
            }
        }
        out.append("</testsuite>\n");
        return out.toString();
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("    <property name=\"").append(xml(name)).append("\" value=\"").append(xml(value)).append("\"/>\n");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\n': out.append("&#10;"); break;
                case '\t': out.append("&#9;"); break;
                case '\r': break;
                default:
                    if (c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    /**
     * Renders the JSON report.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String json(TckReport report) {
        StringBuilder out = new StringBuilder();
        out.append("{\n  \"implementation\": ").append(Json.quote(report.implementation())).append(",\n");
        out.append("  \"features\": [").append(report.features().stream().sorted()
                .map(f -> Json.quote(f.name())).collect(Collectors.joining(", "))).append("],\n");
        out.append("  \"timeFactor\": ").append(report.timeFactor()).append(",\n");
        out.append("  \"durationMillis\": ").append(report.millis()).append(",\n");
        out.append("  \"rules\": [\n");
        for (int i = 0; i < report.results().size(); i++) {
            RuleResult result = report.results().get(i);
            Rule rule = result.rule();
            out.append("    {\"id\": ").append(Json.quote(rule.id()))
                    .append(", \"level\": ").append(Json.quote(rule.level()))
                    .append(", \"status\": ").append(Json.quote(result.status().label()))
                    .append(", \"title\": ").append(Json.quote(rule.title()))
                    .append(", \"source\": ").append(Json.quote(rule.source()))
                    .append(", \"message\": ").append(Json.quote(result.message()))
                    .append(", \"features\": ").append(Json.quote(rule.need().describe()))
                    .append(", \"hint\": ").append(Json.quote(rule.hint()))
                    .append(", \"group\": ").append(Json.quote(result.group()))
                    .append(", \"evidence\": ").append(Json.quote(result.evidence()))
                    .append(", \"tests\": ").append(result.tests())
                    .append(", \"durationMillis\": ").append(result.millis())
                    .append('}').append(i + 1 < report.results().size() ? ",\n" : "\n");
        }
        out.append("  ],\n");
        out.append("  \"summary\": {\"passed\": ").append(report.count(RuleStatus.PASSED))
                .append(", \"failed\": ").append(report.count(RuleStatus.FAILED))
                .append(", \"notVerified\": ").append(report.count(RuleStatus.NOT_VERIFIED))
                .append(", \"requiredFailed\": ").append(report.requiredFailures().size())
                .append(",\n    \"notVerifiedReasons\": {").append(report.notVerifiedGroups().entrySet().stream()
                        .map(e -> Json.quote(e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", ")))
                .append("},\n    \"tally\": ").append(Json.quote(report.tally()))
                .append("}\n}\n");
        return out.toString();
    }

    /**
     * Renders the Markdown report.
     *
     * @param report the report
     * @return the Markdown text
     */
    public static String markdown(TckReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# jbilliard TCK report\n\n");
        out.append("- Implementation: `").append(report.implementation()).append("`\n");
        out.append("- Declared features: ").append(report.features().isEmpty() ? "none"
                : report.features().stream().sorted().map(Feature::name).collect(Collectors.joining(", "))).append('\n');
        out.append(String.format(Locale.ROOT, "- Time factor: %s; duration: %.1f s%n", report.timeFactor(),
                report.millis() / 1000.0));
        out.append("- Verdict: **").append(report.conforms() ? "conforms" : "does not conform").append("** — ")
                .append(report.tally()).append("\n\n");
        if (!report.failures().isEmpty()) {
            out.append("## Failures\n\n");
            for (RuleResult result : report.failures()) {
                out.append("### ").append(result.rule().id()).append(" — ").append(result.rule().title()).append("\n\n");
                out.append("- Level: ").append(result.rule().level()).append("; source: ").append(result.rule().source())
                        .append("\n- If this fails, check: ").append(result.rule().hint()).append("\n\n```\n")
                        .append(result.message()).append("\n```\n\n");
            }
        }
        out.append("## Rules\n\n| ID | level | status | title | message |\n|---|---|---|---|---|\n");
        for (RuleResult result : report.results()) {
            out.append("| ").append(result.rule().id()).append(" | ").append(result.rule().level()).append(" | ")
                    .append(result.status().label()).append(" | ").append(cell(result.rule().title())).append(" | ")
                    .append(cell(shorten(result.message().isEmpty() ? result.evidence() : result.message())))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").replace("\r", "");
    }
}
