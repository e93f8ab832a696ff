package org.jbilliard.benchmarks;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes results.md: the environment, the targets with met/missed, every cross-process figure next
 * to billiard and the raw pipe with their ratios, the JMH figures, and the failures.
 *
 * <p>Stateless; thread-safe.
 */
public final class MarkdownReport {

    /** The chart's file name, next to results.md. */
    public static final String CHART_FILE = "chart.svg";

    private MarkdownReport() {
    }

    /**
     * Renders a report as Markdown.
     *
     * @param report the report
     * @return the Markdown text
     */
    public static String render(Report report) {
        StringBuilder md = new StringBuilder("# jbilliard benchmarks\n\n");
        md.append("| | |\n|---|---|\n");
        report.environment().forEach((key, value) -> row(md, key, value));
        md.append('\n');
        for (String note : report.notes()) {
            md.append("- ").append(note).append('\n');
        }
        if (!report.notes().isEmpty()) {
            md.append('\n');
        }

        md.append("## Targets\n\n| workload | target | measured (ratios of medians, same run) | status |\n|---|---|---|---|\n");
        for (Target.Verdict verdict : report.verdicts()) {
            row(md, verdict.target().workload().title(), verdict.target().text(), verdict.measured(),
                    switch (verdict.status()) {
                        case MET -> "met";
                        case MISSED -> "**missed**";
                        case NOT_MEASURED -> "not measured";
                    });
        }

        md.append("\n## Cross-process figures\n\nMedian of the repetitions, (min – max) below it."
                + " Ratios are jbilliard's median over the other's: above 1 is better for throughput and"
                + " bandwidth, worse for times and CPU.\n\n");
        md.append("| workload | metric | jbilliard | billiard | raw pipe | agrona shm | jbilliard / billiard"
                + " | jbilliard / raw pipe | jbilliard / agrona shm |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Result> byKey = new LinkedHashMap<>();
        Set<String> rows = new LinkedHashSet<>();
        for (Result result : report.results()) {
            if (result.metric() == Metric.TIME_PER_OP) {
                continue;
            }
            byKey.put(key(result.workload(), result.impl(), result.metric()), result);
            rows.add(result.workload() + '\u0000' + result.metric().name());
        }
        for (String rowKey : rows) {
            String[] parts = rowKey.split("\u0000");
            String workload = parts[0];
            Metric metric = Metric.valueOf(parts[1]);
            row(md, title(workload), metric.id() + " (" + metric.unit() + ")",
                    cell(byKey.get(key(workload, Impl.JBILLIARD.id(), metric))),
                    cell(byKey.get(key(workload, Impl.BILLIARD.id(), metric))),
                    cell(byKey.get(key(workload, Impl.RAW_PIPE.id(), metric))),
                    cell(byKey.get(key(workload, Impl.SHM_ANCHOR.id(), metric))),
                    ratio(report, workload, metric, Impl.BILLIARD.id()),
                    ratio(report, workload, metric, Impl.RAW_PIPE.id()),
                    ratio(report, workload, metric, Impl.SHM_ANCHOR.id()));
        }

        List<Result> jmh = report.results().stream().filter(r -> r.metric() == Metric.TIME_PER_OP).toList();
        if (!jmh.isEmpty()) {
            md.append("\n## In-process (JMH, average time)\n\n| benchmark | ns/op | (min – max) |\n|---|---|---|\n");
            for (Result result : jmh) {
                row(md, result.workload(), Format.number(result.summary().median()),
                        Format.number(result.summary().min()) + " – " + Format.number(result.summary().max()));
            }
        }

        if (!report.failures().isEmpty()) {
            md.append("\n## Not measured\n\n");
            for (Failure failure : report.failures()) {
                md.append("- `").append(failure.workload()).append("`: ").append(failure.message().replace("\n", " "))
                        .append('\n');
            }
        }
        md.append("\n![jbilliard vs billiard vs raw pipe](").append(CHART_FILE).append(")\n");
        return md.toString();
    }

    private static String key(String workload, String impl, Metric metric) {
        return workload + '\u0000' + impl + '\u0000' + metric.name();
    }

    private static String title(String workload) {
        for (Workload w : Workload.values()) {
            if (w.id().equals(workload)) {
                return w.title();
            }
        }
        return workload;
    }

    private static String cell(Result result) {
        if (result == null) {
            return "—";
        }
        Summary s = result.summary();
        return "**" + Format.number(s.median()) + "**<br>(" + Format.number(s.min()) + " – " + Format.number(s.max()) + ")";
    }

    private static String ratio(Report report, String workload, Metric metric, String vs) {
        Optional<Ratio> ratio = report.ratios().stream()
                .filter(r -> r.workload().equals(workload) && r.metric() == metric && r.vs().equals(vs))
                .findFirst();
        return ratio.map(r -> Format.ratio(r.ratio())).orElse("—");
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        md.append('\n');
    }
}
