/**
 * Self-tests of the TCK against the in-JVM implementation (jbilliard-dummy): every rule kills a mutant
 * (or is exempt with a reason), and the command line and the JUnit entry point report as documented.
 */
package org.jbilliard.tck.selftest;
