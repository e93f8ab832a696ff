package org.jbilliard.parity;

/**
 * Runs a scenario on one library and returns what it observed. Implementations never throw for a
 * misbehaving library: hangs, crashes and missing prerequisites are results ({@link RawResult#status()}).
 *
 * <p><b>Thread-safety.</b> Implementations are used by one thread at a time; {@link #run(Scenario)} blocks for at most the
 * scenario's bound (times the time factor) plus clean-up.
 */
public interface ScenarioRunner {

    /**
     * Runs one scenario.
     *
     * @param scenario the scenario
     * @return the observations
     */
    RawResult run(Scenario scenario);
}
