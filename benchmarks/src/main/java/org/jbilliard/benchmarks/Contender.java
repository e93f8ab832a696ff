package org.jbilliard.benchmarks;

import java.util.Map;

/**
 * One implementation under measurement: runs one repetition of a workload and returns its figures.
 *
 * <p>Implementations are used from one thread at a time.
 */
public interface Contender {

    /**
     * Returns which implementation this is.
     *
     * @return the implementation
     */
    Impl impl();

    /**
     * Runs one repetition. Everything it starts is stopped and reaped before it returns or throws.
     *
     * @param workload the workload
     * @return one value per metric it measured
     * @throws Exception if the repetition failed; the message says why
     */
    Map<Metric, Double> runOnce(Workload workload) throws Exception;
}
