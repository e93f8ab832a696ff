package org.jbilliard.parity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCK half of the conformance run, read from the {@code tck-report.json} the TCK writes
 * ({@code {"implementation", "features", "rules": [{"id", "level", "status", "title", "source",
 * "message"}], "summary"}}). A missing or unreadable report is a result too: {@link #status()} is
 * then {@code missing} or {@code error} with the reason, never an exception.
 *
 * <p><b>Thread-safety.</b> Immutable once read; reading blocks on file I/O only.
 *
 * @param status         {@code ran}, {@code missing} or {@code error}
 * @param message        why it is not {@code ran}, or {@code null}
 * @param implementation what the TCK says it tested
 * @param rules          the rules as reported (JSON objects)
 * @param exitCode       the TCK process's exit code, or {@code null} if it did not run
 * @param tally          the TCK's own tally ({@code summary.tally}: counts, and every rule not verified
 *                       under its reason), or {@code null} if the report has none
 */
public record TckResult(String status, String message, String implementation, List<Map<String, Object>> rules,
                        Integer exitCode, String tally) {

    /**
     * Returns a result for a TCK that did not produce a report.
     *
     * @param status   {@code missing} or {@code error}
     * @param message  why
     * @param exitCode the TCK's exit code, if it ran
     * @return the result
     */
    public static TckResult absent(String status, String message, Integer exitCode) {
        return new TckResult(status, message, null, List.of(), exitCode, null);
    }

    /**
     * Reads {@code tck-report.json} from a directory.
     *
     * @param dir      the TCK's report directory
     * @param exitCode the TCK's exit code
     * @return the result
     */
    @SuppressWarnings("unchecked")
    public static TckResult read(Path dir, Integer exitCode) {
        Path file = dir.resolve("tck-report.json");
        if (!Files.exists(file)) {
            if (exitCode != null && exitCode != 0) {
                // e.g. exit 2: a setup error, whose cause the TCK printed above
                return absent("error", "the TCK exited with " + exitCode + " before it wrote " + file
                        + " (its output above names the cause)", exitCode);
            }
            return absent("missing", "the TCK wrote no " + file + (exitCode == null ? "" : " (exit code " + exitCode + ")"),
                    exitCode);
        }
        try {
            Map<String, Object> json = Json.parseObject(Files.readString(file));
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Object r : Scenario.list(json, "rules")) {
                rules.add(new LinkedHashMap<>((Map<String, Object>) r));
            }
            Object impl = json.get("implementation");
            Object summary = json.get("summary");
            Object tally = summary instanceof Map<?, ?> m ? m.get("tally") : null;
            return new TckResult("ran", null, impl == null ? null : String.valueOf(impl), rules, exitCode,
                    tally == null ? null : String.valueOf(tally));
        } catch (IOException | RuntimeException e) {
            return absent("error", "unreadable " + file + ": " + e.getMessage(), exitCode);
        }
    }

    /**
     * Returns the tally to print: the TCK's own, else one computed from the rules.
     *
     * @return e.g. {@code "82 passed, 0 failed, 6 not verified (4 declared-absence rules that do not apply, …)"}
     */
    public String describeTally() {
        if (tally != null) {
            return tally;
        }
        return count("passed", null) + " passed, " + count("failed", null) + " failed (" + count("failed", "required")
                + " required), " + count("not-verified", null) + " not verified";
    }

    /**
     * Counts rules by status and level.
     *
     * @param status e.g. {@code failed}
     * @param level  e.g. {@code required}, or {@code null} for any
     * @return how many
     */
    public long count(String status, String level) {
        return rules.stream()
                .filter(r -> status.equals(r.get("status")))
                .filter(r -> level == null || level.equalsIgnoreCase(String.valueOf(r.get("level"))))
                .count();
    }
}
