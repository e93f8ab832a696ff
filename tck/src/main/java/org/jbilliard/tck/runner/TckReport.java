package org.jbilliard.tck.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jbilliard.Feature;

/**
 * The outcome of one TCK run: the implementation, its declared features, and a verdict per rule.
 * Immutable.
 */
public final class TckReport {
    private final String implementation;
    private final Set<Feature> features;
    private final List<RuleResult> results;
    private final double timeFactor;
    private final long millis;

    /**
     * Creates a report.
     *
     * @param implementation {@code "<name> (<class>)"}
     * @param features       declared features
     * @param results        one result per rule, in rule order
     * @param timeFactor     the time factor of the run
     * @param millis         duration of the run
     */
    public TckReport(String implementation, Set<Feature> features, List<RuleResult> results, double timeFactor,
                     long millis) {
        this.implementation = implementation;
        this.features = Set.copyOf(features);
        this.results = List.copyOf(results);
        this.timeFactor = timeFactor;
        this.millis = millis;
    }

    /** @return {@code "<name> (<class>)"} */
    public String implementation() {
        return implementation;
    }

    /** @return the declared features */
    public Set<Feature> features() {
        return features;
    }

    /** @return one result per rule */
    public List<RuleResult> results() {
        return results;
    }

    /** @return the time factor of the run */
    public double timeFactor() {
        return timeFactor;
    }

    /** @return how long the run took, in milliseconds */
    public long millis() {
        return millis;
    }

    /**
     * Counts results by status.
     *
     * @param status the status
     * @return how many rules have it
     */
    public long count(RuleStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** @return failed required rules */
    public List<RuleResult> requiredFailures() {
        return results.stream().filter(r -> r.status() == RuleStatus.FAILED && r.rule().required())
                .collect(Collectors.toList());
    }

    /** @return every failed rule, required or optional */
    public List<RuleResult> failures() {
        return results.stream().filter(r -> r.status() == RuleStatus.FAILED).collect(Collectors.toList());
    }

    /**
     * Returns whether the implementation conforms: no rule that applies to it failed. An optional rule
     * applies only where its feature is declared, so its failure means the declaration is false.
     *
     * @return {@code true} if nothing failed
     */
    public boolean conforms() {
        return failures().isEmpty();
    }

    /**
     * Returns the result of one rule.
     *
     * @param id the rule ID
     * @return the result
     * @throws IllegalArgumentException if the report has no such rule
     */
    public RuleResult result(String id) {
        for (RuleResult result : results) {
            if (result.rule().id().equals(id)) {
                return result;
            }
        }
        throw new IllegalArgumentException("no result for rule " + id);
    }

    /**
     * Counts the rules that were not verified, by the kind of reason.
     *
     * @return group (see {@link RuleResult#group()}) to count, most frequent first, then alphabetically
     */
    public Map<String, Long> notVerifiedGroups() {
        Map<String, Long> counts = new LinkedHashMap<>();
        results.stream().filter(r -> r.status() == RuleStatus.NOT_VERIFIED)
                .forEach(r -> counts.merge(r.group(), 1L, Long::sum));
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Returns the tally, e.g. {@code "82 passed, 0 failed, 6 not verified (4 declared-absence rules that do
     * not apply, 2 need CROSS_PROCESS (not declared))"}: every rule not verified is counted under its reason.
     *
     * @return the tally
     */
    public String tally() {
        StringBuilder text = new StringBuilder();
        text.append(count(RuleStatus.PASSED)).append(" passed, ").append(count(RuleStatus.FAILED)).append(" failed");
        if (!failures().isEmpty()) {
            text.append(" (").append(requiredFailures().size()).append(" required)");
        }
        text.append(", ").append(count(RuleStatus.NOT_VERIFIED)).append(" not verified");
        Map<String, Long> groups = notVerifiedGroups();
        if (!groups.isEmpty()) {
            List<String> parts = new ArrayList<>();
            groups.forEach((group, n) -> parts.add(n + " " + (n == 1 ? singular(group) : group)));
            text.append(" (").append(String.join(", ", parts)).append(')');
        }
        return text.toString();
    }

    private static String singular(String group) {
        if (group.equals(RuleResult.DECLARED_ABSENCE)) {
            return "declared-absence rule that does not apply";
        }
        return group.startsWith("need ") ? "needs " + group.substring("need ".length()) : group;
    }

    /** @return a one-line summary: the implementation, the tally and the IDs of failed rules */
    public String summaryLine() {
        List<String> failed = new ArrayList<>();
        failures().forEach(r -> failed.add(r.rule().id()));
        return implementation + ": " + tally() + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
    }

    /**
     * Returns the closing summary of a run, meant to be the last thing it prints: the verdict, the tally,
     * every failed rule with its whole message and hint, and where the reports are.
     *
     * @param reportDir the report directory
     * @param files     the report files written there
     * @return the text, ending with a line break
     */
    public String summary(Path reportDir, List<String> files) {
        String rule = "=".repeat(24);
        StringBuilder out = new StringBuilder();
        out.append(rule).append(" jbilliard TCK ").append(rule).append('\n');
        out.append("implementation : ").append(implementation).append('\n');
        out.append("features       : ").append(features.isEmpty() ? "none" : features.stream().map(Enum::name).sorted()
                .collect(Collectors.joining(", "))).append('\n');
        out.append(String.format(Locale.ROOT, "run            : %d rules, time factor %s, %.1f s%n", results.size(),
                timeFactor, millis / 1000.0));
        out.append("rules          : ").append(tally()).append('\n');
        for (RuleResult failure : failures()) {
            out.append("FAILED ").append(failure.rule().level()).append(" rule ").append(failure.rule().id())
                    .append(" (").append(failure.rule().title()).append("):\n");
            out.append(indent(failure.message(), "    ")).append('\n');
            out.append("    if this fails, check: ").append(failure.rule().hint()).append('\n');
        }
        out.append("RESULT         : ").append(conforms() ? "CONFORMS" : "DOES NOT CONFORM (" + failures().size()
                + " rule(s) failed, " + requiredFailures().size() + " required)").append('\n');
        out.append("reports        : ").append(reportDir.toAbsolutePath()).append(" (")
                .append(String.join(", ", files)).append(")\n");
        out.append("=".repeat(rule.length() * 2 + " jbilliard TCK ".length())).append('\n');
        return out.toString();
    }

    /**
     * Indents every line of a text.
     *
     * @param text   the text
     * @param prefix what to put before each line
     * @return the indented text, without a final line break
     */
    public static String indent(String text, String prefix) {
        StringBuilder out = new StringBuilder();
        for (String line : text.strip().split("\\R")) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(prefix).append(line);
        }
        return out.toString();
    }
}
