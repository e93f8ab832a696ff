/**
 * Self-tests of the TCK's structure (every rule has a test and a document entry; every BEHAVIOUR row is
 * covered). The self-tests that need an implementation (mutants, the command line, the JUnit entry point)
 * are in the tck-selftest module, which runs them against the in-JVM implementation of jbilliard-dummy.
 */
package org.jbilliard.tck.selftest;
