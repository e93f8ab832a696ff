package org.jbilliard.tck.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private ReportWriter() {
    }

    /**
     * Writes both reports into a directory, creating it.
     *
     * @param report    the report
     * @param directory the directory
     * @throws UncheckedIOException if writing fails
     */
    public static void write(TckReport report, Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(JSON), json(report), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(MARKDOWN), markdown(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TCK report to " + directory, e);
        }
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
                    .append(", \"tests\": ").append(result.tests())
                    .append(", \"durationMillis\": ").append(result.millis())
                    .append('}').append(i + 1 < report.results().size() ? ",\n" : "\n");
        }
        out.append("  ],\n");
        out.append("  \"summary\": {\"passed\": ").append(report.count(RuleStatus.PASSED))
                .append(", \"failed\": ").append(report.count(RuleStatus.FAILED))
                .append(", \"notVerified\": ").append(report.count(RuleStatus.NOT_VERIFIED))
                .append(", \"requiredFailed\": ").append(report.requiredFailures().size())
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
                .append(report.count(RuleStatus.PASSED)).append(" passed, ").append(report.count(RuleStatus.FAILED))
                .append(" failed (").append(report.requiredFailures().size()).append(" required), ")
                .append(report.count(RuleStatus.NOT_VERIFIED)).append(" not verified\n\n");
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
                    .append(cell(shorten(result.message()))).append(" |\n");
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
