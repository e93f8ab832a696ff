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
    RAW_PIPE("raw-pipe"),
    /** Agrona's one-to-one ring buffer in a shared-memory file between two JVMs: the shared-memory anchor. */
    SHM_ANCHOR("agrona-shm"),
    /** jbilliard through the org.jbilliard API and its Redis context, on the run's redis-server. */
    JBILLIARD_REDIS("jbilliard-redis"),
    /** What a Celery user's code does: redis-py LPUSH by producer processes, BRPOP by consumers. */
    REDIS_PY("redis-py");

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
