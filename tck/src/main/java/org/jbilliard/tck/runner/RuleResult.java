package org.jbilliard.tck.runner;

import java.util.Objects;
import org.jbilliard.tck.Rule;

/**
 * The verdict on one rule, with the message that explains a failure or a "not verified". Immutable.
 */
public final class RuleResult {
    private final Rule rule;
    private final RuleStatus status;
    private final String message;
    private final long millis;
    private final int tests;
    private final String group;
    private final String evidence;

    /**
     * Creates a result without a not-verified group.
     *
     * @param rule    the rule
     * @param status  the verdict
     * @param message the failure or not-verified reason, empty when passed
     * @param millis  time spent in the rule's tests
     * @param tests   how many tests of the rule ran
     */
    public RuleResult(Rule rule, RuleStatus status, String message, long millis, int tests) {
        this(rule, status, message, millis, tests, "");
    }

    /**
     * Creates a result.
     *
     * @param rule    the rule
     * @param status  the verdict
     * @param message the failure or not-verified reason, empty when passed
     * @param millis  time spent in the rule's tests
     * @param tests   how many tests of the rule ran
     * @param group   for a rule not verified, the kind of reason in the plural form the tally prints (e.g.
     *                {@value #DECLARED_ABSENCE}); empty otherwise
     */
    public RuleResult(Rule rule, RuleStatus status, String message, long millis, int tests, String group) {
        this(rule, status, message, millis, tests, group, "");
    }

    /**
     * Creates a result that says what the rule's tests exercised.
     *
     * @param rule     the rule
     * @param status   the verdict
     * @param message  the failure or not-verified reason, empty when passed
     * @param millis   time spent in the rule's tests
     * @param tests    how many tests of the rule ran
     * @param group    as {@link #RuleResult(Rule, RuleStatus, String, long, int, String)}
     * @param evidence what the tests report they exercised (for a sampled crash point: how often the kill hit
     *                 the window), empty if they report nothing
     */
    public RuleResult(Rule rule, RuleStatus status, String message, long millis, int tests, String group,
            String evidence) {
        this.evidence = evidence == null ? "" : evidence;
        this.rule = Objects.requireNonNull(rule, "rule");
        this.status = Objects.requireNonNull(status, "status");
        this.message = message == null ? "" : message;
        this.millis = millis;
        this.tests = tests;
        this.group = group == null || group.isEmpty() ? (status == RuleStatus.NOT_VERIFIED ? "other reasons" : "")
                : group;
    }

    /** The not-verified group of rules that assert the absence of a feature the implementation declares. */
    public static final String DECLARED_ABSENCE = "declared-absence rules that do not apply";

    /** @return the rule */
    public Rule rule() {
        return rule;
    }

    /** @return the verdict */
    public RuleStatus status() {
        return status;
    }

    /** @return the failure or not-verified reason, empty when passed */
    public String message() {
        return message;
    }

    /** @return milliseconds spent in the rule's tests */
    public long millis() {
        return millis;
    }

    /**
     * Returns the kind of reason a rule was not verified, in the plural form the tally prints, e.g.
     * {@value #DECLARED_ABSENCE} or {@code "need CRASH_SAFE (not declared)"}.
     *
     * @return the group, empty unless the rule was not verified
     */
    public String group() {
        return group;
    }

    /** @return what the rule's tests report they exercised, empty if nothing */
    public String evidence() {
        return evidence;
    }

    /** @return how many tests of the rule ran */
    public int tests() {
        return tests;
    }

    @Override
    public String toString() {
        return rule.id() + " " + status.label() + (message.isEmpty() ? "" : ": " + message)
                + (evidence.isEmpty() ? "" : " (" + evidence + ")");
    }
}
