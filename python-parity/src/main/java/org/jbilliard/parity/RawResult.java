package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one runner observed in one scenario, before normalisation: every process's trace (one entry
 * per recorded step: {@code {"step", "ok"}}, {@code {"step", "error", "detail"}} or
 * {@code {"step", "hang", "bound"}}) and every child's exit code. Both runners produce this shape;
 * the Python runner writes it as JSON and {@link #fromJson(Map)} reads it.
 *
 * <p><b>Thread-safety.</b> Immutable once built (the runners hand over copies); nothing blocks.
 *
 * @param runner    {@code billiard} or {@code jbilliard:<context name>}
 * @param version   the library's version
 * @param status    {@code completed}, {@code hang} (cut off at the scenario's bound), {@code error}
 *                  or {@code skipped}
 * @param processes process name to its observations
 * @param notes     remarks (e.g. children killed at the end)
 * @param message   why the run did not complete, or {@code null}
 * @param elapsedMillis how long the run took
 */
public record RawResult(String runner, String version, String status, Map<String, ProcessTrace> processes,
                        List<String> notes, String message, long elapsedMillis) {

    /**
     * The observations of one process.
     *
     * @param trace    its recorded steps, in order
     * @param exitCode its exit code ({@code null} for main, or a child never started)
     */
    public record ProcessTrace(List<Map<String, Object>> trace, Integer exitCode) {
    }

    /**
     * Returns whether the run completed (all steps ran, possibly recording hangs).
     *
     * @return {@code status == "completed"}
     */
    public boolean completed() {
        return "completed".equals(status);
    }

    /**
     * Creates a result for a run that did not complete.
     *
     * @param runner  the runner
     * @param version the library version, if known
     * @param status  {@code hang}, {@code error} or {@code skipped}
     * @param message why
     * @param elapsedMillis how long it took
     * @return the result
     */
    public static RawResult failed(String runner, String version, String status, String message, long elapsedMillis) {
        return new RawResult(runner, version, status, Map.of(), List.of(), message, elapsedMillis);
    }

    /**
     * Reads the JSON the Python runner writes.
     *
     * @param json the parsed result
     * @return the result
     */
    @SuppressWarnings("unchecked")
    public static RawResult fromJson(Map<String, Object> json) {
        Map<String, ProcessTrace> processes = new LinkedHashMap<>();
        Object procs = json.get("processes");
        if (procs instanceof Map<?, ?> pm) {
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                Map<String, Object> p = (Map<String, Object>) e.getValue();
                List<Map<String, Object>> trace = new ArrayList<>();
                for (Object entry : Scenario.list(p, "trace")) {
                    trace.add((Map<String, Object>) entry);
                }
                Object code = p.get("exitcode");
                processes.put((String) e.getKey(),
                        new ProcessTrace(trace, code == null ? null : ((Number) code).intValue()));
            }
        }
        List<String> notes = new ArrayList<>();
        for (Object n : Scenario.list(json, "notes")) {
            notes.add(String.valueOf(n));
        }
        Object elapsed = json.getOrDefault("elapsed_ms", 0L);
        return new RawResult(String.valueOf(json.get("runner")), (String) json.get("version"),
                String.valueOf(json.getOrDefault("status", "error")), processes, notes,
                (String) json.get("message"), ((Number) elapsed).longValue());
    }
}
