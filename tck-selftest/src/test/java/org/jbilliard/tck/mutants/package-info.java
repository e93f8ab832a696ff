/**
 * Deliberately broken implementations: decorators of the in-JVM implementation
 * ({@code jbilliard-dummy}, through {@link org.jbilliard.tck.simulated.SimulatedContext}) made by one factory,
 * {@link org.jbilliard.tck.mutants.Mutant#of Mutant.of(name, description, queue -> …)}, each with one defect (drops an
 * item, reorders, ignores maxsize or timeouts, hangs, miscounts tasks, loses items on close, corrupts
 * payloads, lies about a feature, leaks a lock when a process is killed, …).
 * {@link org.jbilliard.tck.mutants.MutantCatalogue} lists which rules must catch each one and what their
 * message must say; {@link org.jbilliard.tck.mutants.MutantSelfTest} proves it through the Engine Test Kit
 * and writes {@code target/tck-selftest.json}. Queue decorators are serializable, so a defect travels
 * with a handle into a task.
 */
package org.jbilliard.tck.mutants;
