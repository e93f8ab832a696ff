package org.jbilliard.tck.simulated;

/**
 * Unwinds a task thread that was "killed" by a simulated signal: thrown at the task's next queue
 * operation or from the wait it is blocked in. An {@link Error}, so a task's {@code catch (Exception e)}
 * does not swallow it.
 */
final class SimulatedKill extends Error {
    private static final long serialVersionUID = 1L;

    final int signal;

    SimulatedKill(int signal) {
        super("killed by simulated signal " + signal, null, false, false);
        this.signal = signal;
    }
}
