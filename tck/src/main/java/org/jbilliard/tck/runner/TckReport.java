package org.jbilliard.tck.runner;

import java.util.ArrayList;
import java.util.List;
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

    /** @return a one-line summary */
    public String summaryLine() {
        List<String> failed = new ArrayList<>();
        failures().forEach(r -> failed.add(r.rule().id()));
        return implementation + ": " + count(RuleStatus.PASSED) + " passed, " + count(RuleStatus.FAILED) + " failed ("
                + requiredFailures().size() + " required), " + count(RuleStatus.NOT_VERIFIED) + " not verified"
                + (failed.isEmpty() ? "" : "; failed: " + String.join(", ", failed));
    }
}
