package org.jbilliard.benchmarks;

/**
 * The implementations compared in one run.
 */
public enum Impl {
    /** jbilliard through the org.jbilliard API and its reference implementation. */
    JBILLIARD("jbilliard"),
    /** Python billiard 4.1.0. */
    BILLIARD("billiard"),
    /** A C program on one pipe: the floor below any queue. */
    RAW_PIPE("raw-pipe");

    private final String id;

    Impl(String id) {
        this.id = id;
    }

    /**
     * Returns the name used in results.json.
     *
     * @return e.g. {@code "raw-pipe"}
     */
    public String id() {
        return id;
    }
}
