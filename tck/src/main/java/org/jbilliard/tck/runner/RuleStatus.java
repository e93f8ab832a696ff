package org.jbilliard.tck.runner;

/** The verdict on one rule. Immutable. */
public enum RuleStatus {
    /** Every test of the rule passed. */
    PASSED("passed"),
    /** At least one test of the rule failed. */
    FAILED("failed"),
    /** The rule does not apply (feature not declared) or none of its tests ran. */
    NOT_VERIFIED("not-verified");

    private final String label;

    RuleStatus(String label) {
        this.label = label;
    }

    /**
     * Returns the label used in the reports.
     *
     * @return {@code passed}, {@code failed} or {@code not-verified}
     */
    public String label() {
        return label;
    }
}
