/**
 * The jbilliard TCK: rules with IDs ({@link org.jbilliard.tck.Rule}), the contract class implementors
 * extend ({@link org.jbilliard.tck.JbilliardTck}), the timing environment
 * ({@link org.jbilliard.tck.TckEnvironment}) and the generated rules document
 * ({@link org.jbilliard.tck.RulesDocument}).
 *
 * <p>Design: the rule tests are ordinary JUnit Jupiter tests and jqwik properties in
 * {@code org.jbilliard.tck.rules}, each annotated with the {@link org.jbilliard.tck.Verifies rule} it
 * verifies. They are never discovered by the implementor's build directly: {@code JbilliardTck} (or the
 * command line) launches the JUnit Platform over them with the implementation installed in
 * {@link org.jbilliard.tck.TckSubject}, so both engines run whatever the surrounding build uses, and a
 * listener turns test outcomes into one verdict per rule.
 */
package org.jbilliard.tck;
