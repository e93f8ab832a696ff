/**
 * The TCK's command line: {@code java -jar jbilliard-tck.jar --context <class> --classpath <jar…>
 * --report <dir>}. It forks a JVM with the implementation on the class path (so that child processes of
 * the implementation can find both it and the TCK), runs every rule through the JUnit Platform launcher,
 * prints progress rule by rule, writes the reports and exits non-zero naming each failed rule.
 */
package org.jbilliard.tck.cli;
