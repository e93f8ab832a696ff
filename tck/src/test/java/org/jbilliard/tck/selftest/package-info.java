/**
 * Self-tests of the TCK's structure (every rule has a test, a document entry and a killing mutant; every
 * BEHAVIOUR row is covered) and of its command line.
 */
package org.jbilliard.tck.selftest;
