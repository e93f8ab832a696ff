package org.jbilliard.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes results.json: {@code environment}, {@code notes}, {@code results} (workload, impl, metric,
 * unit, median, min, max, repetitions), {@code ratios} (workload, metric, vs, ratio),
 * {@code targets} and {@code failures}.
 *
 * <p>Stateless; thread-safe.
 */
public final class JsonReport {

    private JsonReport() {
    }

    /**
     * Renders a report as JSON.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String render(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("environment", report.environment());
        root.put("notes", report.notes());
        List<Object> results = new ArrayList<>();
        for (Result result : report.results()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", result.workload());
            row.put("impl", result.impl());
            row.put("metric", result.metric().id());
            row.put("unit", result.metric().unit());
            row.put("median", result.summary().median());
            row.put("min", result.summary().min());
            row.put("max", result.summary().max());
            row.put("repetitions", result.summary().count());
            results.add(row);
        }
        root.put("results", results);
        List<Object> ratios = new ArrayList<>();
        for (Ratio ratio : report.ratios()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", ratio.workload());
            row.put("metric", ratio.metric().id());
            row.put("vs", ratio.vs());
            row.put("ratio", ratio.ratio());
            ratios.add(row);
        }
        root.put("ratios", ratios);
        List<Object> targets = new ArrayList<>();
        for (Target.Verdict verdict : report.verdicts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", verdict.target().workload().id());
            row.put("target", verdict.target().text());
            row.put("status", verdict.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            row.put("measured", verdict.measured());
            targets.add(row);
        }
        root.put("targets", targets);
        List<Object> failures = new ArrayList<>();
        for (Failure failure : report.failures()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", failure.workload());
            row.put("impl", failure.impl());
            row.put("message", failure.message());
            failures.add(row);
        }
        root.put("failures", failures);
        return Json.write(root);
    }
}
