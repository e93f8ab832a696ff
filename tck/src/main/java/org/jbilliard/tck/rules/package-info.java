/**
 * The rule tests. Each Jupiter test extends {@link org.jbilliard.tck.rules.RuleTest} (which bounds every
 * blocking call, so a hanging implementation fails with a message instead of hanging the run, and releases
 * queues and processes after each test); {@link org.jbilliard.tck.rules.QueueProperties} holds the jqwik
 * properties (stateful action sequences against {@link org.jbilliard.tck.rules.QueueModel}, codec round
 * trips). Tasks run in processes are built by {@link org.jbilliard.tck.rules.Tasks} from static methods,
 * so they capture only serializable values and classes of the TCK jar — they work where processes are
 * real child JVMs.
 *
 * <p>A rule needing a feature the implementation does not declare is skipped by
 * {@link org.jbilliard.tck.rules.RuleGate} with the reason, and reported "not verified".
 */
package org.jbilliard.tck.rules;
