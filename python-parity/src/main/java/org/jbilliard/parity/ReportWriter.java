package org.jbilliard.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ConformanceReport}: {@code report.json}, {@code report.md} (for CI job
 * summaries), a self-contained {@code index.html} (no external assets) and JUnit XML
 * ({@code TEST-jbilliard-parity.xml}), plus the one-screen console summary.
 *
 * <p><b>Thread-safety.</b> Stateless. Writing blocks on file I/O; failures throw {@link IOException}.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * Writes every format into a directory (created if needed).
     *
     * @param report the report
     * @param dir    the directory
     * @throws IOException if a file cannot be written
     */
    public static void writeAll(ConformanceReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), Json.pretty(report.toJson()));
        Files.writeString(dir.resolve("report.md"), markdown(report));
        Files.writeString(dir.resolve("index.html"), html(report));
        Files.writeString(dir.resolve("TEST-jbilliard-parity.xml"), junit(report));
    }

    /**
     * Returns the console summary (fits one screen).
     *
     * @param report the report
     * @return the text
     */
    public static String summary(ConformanceReport report) {
        return summary(report, null);
    }

    /**
     * Returns the console summary (fits one screen), ending with where the reports are: the last thing
     * the conformance run prints.
     *
     * @param report    the report
     * @param reportDir where the reports were written, or {@code null}
     * @return the text
     */
    public static String summary(ConformanceReport report, Path reportDir) {
        StringBuilder out = new StringBuilder();
        TckResult tck = report.tck();
        out.append("==================== jbilliard conformance ====================\n");
        out.append("implementation : ").append(report.implementation()).append('\n');
        Map<String, Object> env = report.environment();
        out.append("environment    : java ").append(env.get("java")).append(", ").append(env.get("os"))
                .append(", python ").append(env.get("python")).append(", billiard ").append(env.get("billiard"))
                .append('\n');
        if (tck.status().equals("ran")) {
            out.append("TCK rules      : ").append(tck.describeTally()).append('\n');
        } else {
            out.append("TCK            : ").append(tck.status()).append(" — ").append(tck.message()).append('\n');
        }
        out.append(String.format(Locale.ROOT,
                "parity         : %d scenarios: %d agree, %d deviation, %d differ, %d skipped, %d error%n",
                report.parity().verdicts().size(), report.scenarios("agree"), report.scenarios("deviation"),
                report.scenarios("differ"), report.scenarios("skipped"), report.scenarios("error")));
        PythonClientParity py = report.pythonClient();
        if (py != null) {
            out.append(py.notRun() != null ? "python client  : not run — " + py.notRun() + "\n" : String.format(Locale.ROOT,
                    "python client  : %d scenarios: %d agree, %d deviation, %d differ, %d skipped, %d error%n",
                    report.pythonVerdicts().size(), report.pythonScenarios("agree"), report.pythonScenarios("deviation"),
                    report.pythonScenarios("differ"), report.pythonScenarios("skipped"), report.pythonScenarios("error")));
        }
        if (!report.stale().isEmpty()) {
            out.append("stale deviations (documented, no longer differ): ").append(report.stale()).append('\n');
        }
        List<String> failures = report.failures();
        String verdict = report.verdict();
        out.append("RESULT         : ").append(verdict).append(verdict.equals(ConformanceReport.NOT_VERIFIED)
                ? (failures.isEmpty() ? " (allowed by the command line)" : " (fails the run)") : "").append('\n');
        List<String> reasons = new ArrayList<>(failures);
        report.notVerified().stream().filter(r -> !failures.contains(r))
                .forEach(r -> reasons.add(r + " (allowed by the command line)"));
        reasons.stream().limit(12).forEach(f -> out.append("  - ").append(f).append('\n'));
        if (reasons.size() > 12) {
            out.append("  … and ").append(reasons.size() - 12).append(" more (see report.md)\n");
        }
        out.append("reports        : ").append(reportDir == null ? "" : reportDir.resolve("index.html")
                + " (report.md, report.json, TEST-jbilliard-parity.xml" + (tck.status().equals("missing") ? ""
                : ", tck/") + ")").append('\n');
        out.append("===============================================================\n");
        return out.toString();
    }

    static String markdown(ConformanceReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# jbilliard conformance: ").append(report.implementation()).append("\n\n");
        md.append("**").append(report.verdict()).append("**\n\n");
        List<String> reasons = new ArrayList<>(report.failures());
        report.notVerified().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
        for (String f : reasons) {
            md.append("- ").append(f.replace("|", "\\|")).append('\n');
        }
        md.append("\n## Environment\n\n| | |\n|---|---|\n");
        report.environment().forEach((k, v) -> md.append("| ").append(k).append(" | ")
                .append(String.valueOf(v).replace("|", "\\|")).append(" |\n"));
        TckResult tck = report.tck();
        md.append("\n## TCK rules\n\n");
        if (!tck.status().equals("ran")) {
            md.append("TCK ").append(tck.status()).append(": ").append(tck.message()).append("\n");
        } else {
            md.append(tck.describeTally()).append("\n\n");
            md.append("| rule | level | status | title | message |\n|---|---|---|---|---|\n");
            for (Map<String, Object> r : tck.rules()) {
                md.append("| ").append(cell(r.get("id"))).append(" | ").append(cell(r.get("level"))).append(" | ")
                        .append(cell(r.get("status"))).append(" | ").append(cell(r.get("title"))).append(" | ")
                        .append(cell(r.get("message"))).append(" |\n");
            }
        }
        md.append("\n## Parity scenarios (billiard ").append(report.environment().get("billiard")).append(")\n\n");
        md.append(String.format(Locale.ROOT, "%d agree, %d deviation, %d differ, %d skipped, %d error%n%n",
                report.scenarios("agree"), report.scenarios("deviation"), report.scenarios("differ"),
                report.scenarios("skipped"), report.scenarios("error")));
        md.append("| scenario | rows | status | detail |\n|---|---|---|---|\n");
        for (Verdict v : report.parity().verdicts()) {
            md.append("| ").append(v.scenario().id()).append(" | ").append(rows(v.scenario().rows())).append(" | ")
                    .append(v.status()).append(v.stale() ? " (stale deviation)" : "").append(" | ")
                    .append(cell(v.detail())).append(" |\n");
        }
        PythonClientParity py = report.pythonClient();
        if (py != null) {
            md.append("\n## Python client (jbilliard-python) vs billiard\n\n");
            py.environment().forEach((k, v) -> md.append("- ").append(k).append(": ").append(cell(v)).append('\n'));
            if (py.notRun() != null) {
                md.append("\nnot run: ").append(cell(py.notRun())).append('\n');
            } else {
                md.append(String.format(Locale.ROOT, "%n%d agree, %d deviation, %d differ, %d skipped, %d error%n%n",
                        report.pythonScenarios("agree"), report.pythonScenarios("deviation"),
                        report.pythonScenarios("differ"), report.pythonScenarios("skipped"),
                        report.pythonScenarios("error")));
                md.append("| scenario | status | detail |\n|---|---|---|\n");
                for (Verdict v : report.pythonVerdicts()) {
                    md.append("| ").append(v.scenario().id()).append(" | ").append(v.status())
                            .append(v.stale() ? " (stale deviation)" : "").append(" | ").append(cell(v.detail()))
                            .append(" |\n");
                }
            }
        }
        md.append("\n## Documented deviations\n\n| scenario | row | reason |\n|---|---|---|\n");
        report.deviations().values().stream().sorted(java.util.Comparator.comparing(Deviation::scenario))
                .forEach(d -> md.append("| ").append(d.scenario()).append(" | ").append(d.row()).append(" | ")
                        .append(cell(d.reason())).append(" |\n"));
        if (report.pythonClient() != null) {
            md.append("\n### The Python client's own deviations (").append(PythonClientParity.DEVIATIONS)
                    .append("; elsewhere it is held to the table above)\n\n| scenario | row | reason |\n|---|---|---|\n");
            report.pythonClient().deviations().values().stream().sorted(java.util.Comparator.comparing(Deviation::scenario))
                    .forEach(d -> md.append("| ").append(d.scenario()).append(" | ").append(d.row()).append(" | ")
                            .append(cell(d.reason())).append(" |\n"));
        }
        return md.toString();
    }

    private static String cell(Object o) {
        String s = o == null ? "" : String.valueOf(o);
        s = s.replace("|", "\\|").replace("\n", " ");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String rows(List<Integer> rows) {
        return rows.isEmpty() ? "—" : rows.toString().replaceAll("[\\[\\]]", "");
    }

    static String html(ConformanceReport report) {
        StringBuilder h = new StringBuilder();
        String verdict = report.verdict();
        boolean passed = verdict.equals(ConformanceReport.PASSED);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>jbilliard conformance: ")
                .append(esc(report.implementation())).append("</title>\n<style>\n")
                .append("body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1200px;color:#1d2330;padding:0 16px}\n")
                .append("h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde1e8;padding-bottom:4px}\n")
                .append("table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid #eceef2}\n")
                .append("th{background:#f4f6f9;font-weight:600;white-space:nowrap}td{overflow-wrap:break-word}td.id,td.nw,code.id{white-space:nowrap}small{color:#5a6272}td.mono,code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}\n")
                .append(".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}\n")
                .append(".agree,.passed{background:#dcf5e3;color:#11642c}.deviation,.not-verified{background:#fff1d1;color:#7a5300}\n")
                .append(".differ,.error,.failed{background:#fde0e0;color:#8e1b1b}.skipped,.missing{background:#e8eaee;color:#4a5160}\n")
                .append(".verdict{font-size:18px;padding:10px 14px;border-radius:6px;margin:12px 0}\n")
                .append(".cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #dde1e8;border-radius:6px;padding:8px 14px;min-width:150px}\n")
                .append(".card b{font-size:20px;display:block}details summary{cursor:pointer;color:#35507a}pre{white-space:pre-wrap;word-break:break-all;background:#f7f8fa;padding:6px;margin:4px 0;font-size:11px;max-height:300px;overflow:auto}\n")
                .append("</style></head><body>\n");
        h.append("<h1>jbilliard conformance report</h1>\n<div>implementation <b>").append(esc(report.implementation()))
                .append("</b> · generated ").append(esc(String.valueOf(report.environment().get("generated")))).append("</div>\n");
        h.append("<div class=\"verdict ").append(verdict.toLowerCase(Locale.ROOT).replace(' ', '-')).append("\">")
                .append(esc(verdict)).append("</div>\n");
        if (!passed) {
            List<String> reasons = new ArrayList<>(report.failures());
            report.notVerified().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
            h.append("<ul>");
            reasons.forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
            h.append("</ul>\n");
        }
        TckResult tck = report.tck();
        h.append("<div class=\"cards\">");
        card(h, "TCK rules passed", tck.status().equals("ran") ? tck.count("passed", null) + " / " + tck.rules().size() : tck.status());
        card(h, "required rules failed", String.valueOf(tck.count("failed", "required")));
        card(h, "scenarios agree", report.scenarios("agree") + " / " + report.parity().verdicts().size());
        card(h, "documented deviations", String.valueOf(report.scenarios("deviation")));
        card(h, "differ / error", report.scenarios("differ") + " / " + report.scenarios("error"));
        card(h, "skipped", String.valueOf(report.scenarios("skipped")));
        h.append("</div>\n");

        h.append("<h2>Environment</h2>\n<table>");
        report.environment().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td class=\"mono\">")
                .append(esc(String.valueOf(v))).append("</td></tr>"));
        h.append("</table>\n");

        h.append("<h2>TCK rules</h2>\n");
        if (!tck.status().equals("ran")) {
            h.append("<p><span class=\"badge missing\">").append(esc(tck.status())).append("</span> ")
                    .append(esc(tck.message())).append("</p>\n");
        } else {
            h.append("<table><tr><th>rule</th><th>level</th><th>status</th><th>title</th><th>source</th><th>message</th></tr>\n");
            for (Map<String, Object> r : tck.rules()) {
                String status = String.valueOf(r.get("status"));
                h.append("<tr><td class=\"mono id\">").append(esc(r.get("id"))).append("</td><td class=\"nw\">").append(esc(r.get("level")))
                        .append("</td><td class=\"nw\"><span class=\"badge ").append(esc(status)).append("\">").append(esc(status))
                        .append("</span></td><td>").append(esc(r.get("title"))).append("</td><td>").append(esc(r.get("source")))
                        .append("</td><td>").append(longText(r.get("message"))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Parity scenarios — billiard ").append(esc(report.environment().get("billiard")))
                .append(" vs ").append(esc(report.implementation())).append("</h2>\n");
        h.append("<table><tr><th>scenario</th><th>rows</th><th>status</th><th>detail</th><th>ms (billiard / jbilliard)</th></tr>\n");
        for (Verdict v : report.parity().verdicts()) {
            h.append("<tr><td><code class=\"id\">").append(esc(v.scenario().id())).append("</code><br><small>")
                    .append(esc(v.scenario().title())).append("</small></td><td>").append(esc(rows(v.scenario().rows())))
                    .append("</td><td><span class=\"badge ").append(v.status()).append("\">").append(v.status())
                    .append("</span>").append(v.stale() ? " <span class=\"badge deviation\">stale</span>" : "")
                    .append("</td><td>").append(esc(v.detail()));
            if (!v.differing().isEmpty()) {
                h.append("<details><summary>observations (differing: ").append(esc(String.join(", ", v.differing())))
                        .append(")</summary><b>billiard</b><pre>").append(esc(Json.pretty(v.billiard())))
                        .append("</pre><b>jbilliard</b><pre>").append(esc(Json.pretty(v.jbilliard()))).append("</pre></details>");
            }
            h.append("</td><td>").append(v.pythonMillis()).append(" / ").append(v.javaMillis()).append("</td></tr>\n");
        }
        h.append("</table>\n");

        PythonClientParity py = report.pythonClient();
        if (py != null) {
            h.append("<h2>Python client — billiard ").append(esc(report.environment().get("billiard")))
                    .append(" vs jbilliard-python</h2>\n<table>");
            py.environment().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td class=\"mono\">")
                    .append(esc(String.valueOf(v))).append("</td></tr>"));
            h.append("</table>\n");
            if (py.notRun() != null) {
                h.append("<p><span class=\"badge missing\">not run</span> ").append(esc(py.notRun())).append("</p>\n");
            } else {
                h.append("<table><tr><th>scenario</th><th>status</th><th>detail</th><th>ms (billiard / python)</th></tr>\n");
                for (Verdict v : report.pythonVerdicts()) {
                    h.append("<tr><td><code class=\"id\">").append(esc(v.scenario().id())).append("</code></td><td>")
                            .append("<span class=\"badge ").append(v.status()).append("\">").append(v.status())
                            .append("</span>").append(v.stale() ? " <span class=\"badge deviation\">stale</span>" : "")
                            .append("</td><td>").append(esc(v.detail()));
                    if (!v.differing().isEmpty()) {
                        h.append("<details><summary>observations (differing: ")
                                .append(esc(String.join(", ", v.differing()))).append(")</summary><b>billiard</b><pre>")
                                .append(esc(Json.pretty(v.billiard()))).append("</pre><b>jbilliard-python</b><pre>")
                                .append(esc(Json.pretty(v.jbilliard()))).append("</pre></details>");
                    }
                    h.append("</td><td>").append(v.pythonMillis()).append(" / ").append(v.javaMillis()).append("</td></tr>\n");
                }
                h.append("</table>\n");
            }
        }
        h.append("<h2>Documented deviations</h2>\n<table><tr><th>scenario</th><th>BEHAVIOUR row</th><th>reason</th></tr>\n");
        report.deviations().values().stream().sorted(java.util.Comparator.comparing(Deviation::scenario))
                .forEach(d -> h.append("<tr><td class=\"mono\">").append(esc(d.scenario())).append("</td><td>")
                        .append(d.row()).append("</td><td>").append(esc(d.reason())).append("</td></tr>\n"));
        h.append("</table>\n");
        if (report.pythonClient() != null) {
            h.append("<h2>The Python client's own deviations</h2>\n<p>From <code>").append(PythonClientParity.DEVIATIONS)
                    .append("</code>; in every other scenario the Python client is held to the table above.</p>\n")
                    .append("<table><tr><th>scenario</th><th>BEHAVIOUR row</th><th>reason</th></tr>\n");
            report.pythonClient().deviations().values().stream().sorted(java.util.Comparator.comparing(Deviation::scenario))
                    .forEach(d -> h.append("<tr><td class=\"mono\">").append(esc(d.scenario())).append("</td><td>")
                            .append(d.row()).append("</td><td>").append(esc(d.reason())).append("</td></tr>\n"));
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** A long or multi-line message: its first line, the whole text folded away below it. */
    private static String longText(Object o) {
        String text = o == null ? "" : String.valueOf(o).strip();
        int cut = text.indexOf('\n');
        if (cut < 0 && text.length() <= 200) {
            return esc(text);
        }
        String head = text.substring(0, Math.min(cut < 0 ? text.length() : cut, 200));
        return esc(head) + "…<details><summary>full message</summary><pre>" + esc(text) + "</pre></details>";
    }

    private static void card(StringBuilder h, String label, String value) {
        h.append("<div class=\"card\"><b>").append(esc(value)).append("</b>").append(esc(label)).append("</div>");
    }

    static String esc(Object o) {
        String s = o == null ? "" : String.valueOf(o);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    static String junit(ConformanceReport report) {
        List<Verdict> verdicts = new ArrayList<>(report.parity().verdicts());
        int javaCount = verdicts.size();
        verdicts.addAll(report.pythonVerdicts());
        long failures = verdicts.stream().filter(v -> v.status().equals("differ")).count();
        long errors = verdicts.stream().filter(v -> v.status().equals("error")).count();
        long skipped = verdicts.stream().filter(v -> v.status().equals("skipped")).count();
        double seconds = verdicts.stream().mapToLong(v -> v.pythonMillis() + v.javaMillis()).sum() / 1000.0;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT,
                "<testsuite name=\"jbilliard-parity\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">%n",
                verdicts.size(), failures, errors, skipped, seconds));
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">",
                    i < javaCount ? "jbilliard.parity" : "jbilliard.parity.python-client",
                    esc(v.scenario().id()), (v.pythonMillis() + v.javaMillis()) / 1000.0));
            switch (v.status()) {
                case "differ" -> x.append("<failure message=\"").append(esc(v.detail())).append("\">")
                        .append(esc("billiard: " + Json.write(v.billiard()) + "\njbilliard: " + Json.write(v.jbilliard())))
                        .append("</failure>");
                case "error" -> x.append("<error message=\"").append(esc(v.detail())).append("\"/>");
                case "skipped" -> x.append("<skipped message=\"").append(esc(v.detail())).append("\"/>");
                case "deviation" -> x.append("<system-out>").append(esc(v.detail())).append("</system-out>");
                default -> {
                }
            }
            x.append("</testcase>\n");
        }
        x.append("</testsuite>\n");
        return x.toString();
    }
}
