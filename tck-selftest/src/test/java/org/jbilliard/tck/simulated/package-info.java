/**
 * What the self-test adds to the in-JVM implementation ({@code jbilliard-dummy}) so that its mutants can
 * break the optional features too: attach by address within this JVM, and simulated signals — a kill
 * unwinds the task's thread at its next queue operation or from the queue wait it is blocked in, a stop
 * ({@link org.jbilliard.tck.support.Suspendable}) parks it there. {@link org.jbilliard.tck.simulated.SimulatedContext}
 * decorates a {@code DummyContext} with them and declares the features it simulates; it passes the TCK for
 * them (its own TCK tests), so a mutant built on it fails a rule because of its defect. These simulations
 * are evidence about the TCK, not about any implementation: a real kill or stop of a real process is only
 * exercised against a cross-process implementation.
 */
package org.jbilliard.tck.simulated;
