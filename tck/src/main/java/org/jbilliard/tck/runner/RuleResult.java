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

    /**
     * Creates a result.
     *
     * @param rule    the rule
     * @param status  the verdict
     * @param message the failure or not-verified reason, empty when passed
     * @param millis  time spent in the rule's tests
     * @param tests   how many tests of the rule ran
     */
    public RuleResult(Rule rule, RuleStatus status, String message, long millis, int tests) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.status = Objects.requireNonNull(status, "status");
        this.message = message == null ? "" : message;
        this.millis = millis;
        this.tests = tests;
    }

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

    /** @return how many tests of the rule ran */
    public int tests() {
        return tests;
    }

    @Override
    public String toString() {
        return rule.id() + " " + status.label() + (message.isEmpty() ? "" : ": " + message);
    }
}
