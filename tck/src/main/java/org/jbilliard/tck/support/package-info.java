/**
 * Helpers of the rule tests: {@link org.jbilliard.tck.support.Bounded} runs a possibly blocking call on
 * its own thread with a cut-off and records its {@link org.jbilliard.tck.support.Outcome} (value or
 * exception, duration, interrupt status); {@link org.jbilliard.tck.support.Items} generates items of every
 * codec fast-path type and serializable graphs, compares and describes them.
 */
package org.jbilliard.tck.support;
