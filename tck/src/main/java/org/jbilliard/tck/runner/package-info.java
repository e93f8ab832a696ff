/**
 * Running the TCK on the JUnit Platform launcher and reporting it: {@link org.jbilliard.tck.runner.TckRunner}
 * launches the rule tests, {@link org.jbilliard.tck.runner.RuleCollector} turns test events into one
 * {@link org.jbilliard.tck.runner.RuleResult} per rule, {@link org.jbilliard.tck.runner.ProgressPrinter}
 * prints a line per test, and {@link org.jbilliard.tck.runner.ReportWriter} writes {@code tck-report.json}
 * and {@code tck-report.md} next to the JUnit XML of the legacy XML reporter.
 */
package org.jbilliard.tck.runner;
