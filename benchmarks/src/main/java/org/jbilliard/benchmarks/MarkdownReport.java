package org.jbilliard.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes results.md: the environment, the targets with met/missed, every cross-process figure next
 * to billiard, the raw pipe and the shared-memory anchor with their ratios, the Redis workloads'
 * figures next to redis-py's, the JMH figures, and the failures.
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
        figureTable(md, report, false, List.of(Impl.JBILLIARD, Impl.BILLIARD, Impl.RAW_PIPE, Impl.SHM_ANCHOR));
        if (report.results().stream().anyMatch(r -> Workload.find(r.workload()).map(Workload::redis).orElse(false))) {
            md.append("\n## Redis contender\n\njbilliard's Redis context against redis-py LPUSH/BRPOP (what a Celery"
                    + " user's code does), on the same redis-server in the same run.\n\n");
            figureTable(md, report, true, List.of(Impl.JBILLIARD_REDIS, Impl.REDIS_PY));
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

    /**
     * One row per workload and metric (the Redis workloads' or the others'), a column per
     * implementation, then the first one's ratio over each of the others.
     */
    private static void figureTable(StringBuilder md, Report report, boolean redis, List<Impl> impls) {
        Impl subject = impls.get(0);
        List<Impl> others = impls.subList(1, impls.size());
        md.append("| workload | metric |");
        for (Impl impl : impls) {
            md.append(' ').append(label(impl)).append(" |");
        }
        for (Impl other : others) {
            md.append(' ').append(label(subject)).append(" / ").append(label(other)).append(" |");
        }
        md.append('\n').append("|---".repeat(2 + impls.size() + others.size())).append("|\n");
        Map<String, Result> byKey = new LinkedHashMap<>();
        Set<String> rows = new LinkedHashSet<>();
        for (Result result : report.results()) {
            boolean redisWorkload = Workload.find(result.workload()).map(Workload::redis).orElse(false);
            if (result.metric() == Metric.TIME_PER_OP || redisWorkload != redis) {
                continue;
            }
            byKey.put(key(result.workload(), result.impl(), result.metric()), result);
            rows.add(result.workload() + '\u0000' + result.metric().name());
        }
        for (String rowKey : rows) {
            String[] parts = rowKey.split("\u0000");
            String workload = parts[0];
            Metric metric = Metric.valueOf(parts[1]);
            List<String> cells = new ArrayList<>(List.of(title(workload), metric.id() + " (" + metric.unit() + ")"));
            for (Impl impl : impls) {
                cells.add(cell(byKey.get(key(workload, impl.id(), metric))));
            }
            for (Impl other : others) {
                cells.add(ratio(report, workload, metric, other.id()));
            }
            row(md, cells.toArray(String[]::new));
        }
    }

    /** The column heading of an implementation. */
    private static String label(Impl impl) {
        return switch (impl) {
            case RAW_PIPE -> "raw pipe";
            case SHM_ANCHOR -> "agrona shm";
            default -> impl.id();
        };
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
