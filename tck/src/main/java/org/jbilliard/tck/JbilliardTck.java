package org.jbilliard.tck;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jbilliard.Context;
import org.jbilliard.tck.runner.ReportWriter;
import org.jbilliard.tck.runner.RuleResult;
import org.jbilliard.tck.runner.TckReport;
import org.jbilliard.tck.runner.TckRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The TCK as one JUnit Jupiter test class: extend it, supply your {@link Context}, and your build runs
 * every rule and writes the reports.
 *
 * <pre>{@code
 * class MyContextTckTest extends JbilliardTck {
 *     @Override
 *     protected Context createContext() {
 *         return new MyContext();
 *     }
 * }
 * }</pre>
 *
 * <p>How it works: the single {@link TestFactory} method launches the JUnit Platform itself, with the
 * Jupiter and jqwik engines, over the TCK's rule classes (so jqwik properties run even where the
 * surrounding build only knows Jupiter), prints progress rule by rule and a closing summary, writes
 * {@code tck-report.json} and {@code tck-report.md} into {@link #reportDirectory()}, and then returns
 * one dynamic test per rule, named by the rule's ID and title: passed rules pass, failed rules fail with
 * the whole reason and the "if this fails, check…" hint, and rules that do not apply are aborted (shown
 * as skipped) with the reason. The JUnit XML of these tests is your build tool's (Surefire names them
 * by their display names with {@code usePhrasedTestCaseMethodName}, see the TCK README); the TCK writes
 * none of its own here, so that a {@code TEST-*.xml} glob counts every rule once.
 *
 * <p>Capability methods have safe defaults, in the manner of the Reactive Streams TCK: override
 * {@link #environment()} to scale timeouts, {@link #reportDirectory()} to move the reports, and
 * {@link #rules()} to run a subset while debugging.
 *
 * <p>Tasks the TCK starts through {@link Context#process} capture only serializable values and classes of
 * the TCK jar, so a context whose processes are child JVMs must put the TCK jar on the child's class
 * path (the test class path of the build does this).
 *
 * <p><b>Thread-safety.</b> One TCK run at a time per JVM: the run installs the context in a static
 * holder. The factory method blocks until every rule has run; failures are reported per rule.
 */
public abstract class JbilliardTck {

    /** System property naming the report directory (default {@code target/tck-report}). */
    public static final String REPORT_DIR_PROPERTY = "jbilliard.tck.reportDir";

    /** Creates the test class. */
    protected JbilliardTck() {
    }

    /**
     * Creates the implementation under test. Called once per TCK run.
     *
     * @return a new context
     */
    protected abstract Context createContext();

    /**
     * Returns the timeouts and tolerances to run with; by default from the system property
     * {@value TckEnvironment#TIME_FACTOR_PROPERTY} or the environment variable
     * {@value TckEnvironment#TIME_FACTOR_ENV}.
     *
     * @return the environment
     */
    protected TckEnvironment environment() {
        return TckEnvironment.fromSystem();
    }

    /**
     * Returns where the reports are written; by default the system property
     * {@value #REPORT_DIR_PROPERTY}, else {@code target/tck-report}.
     *
     * @return the report directory
     */
    protected Path reportDirectory() {
        return Paths.get(System.getProperty(REPORT_DIR_PROPERTY, "target/tck-report"));
    }

    /**
     * Returns the rules to run; all of them by default.
     *
     * @return the rules
     */
    protected java.util.Set<Rule> rules() {
        return java.util.EnumSet.allOf(Rule.class);
    }

    /**
     * Runs the TCK and reports one dynamic test per rule.
     *
     * @return the per-rule verdicts as dynamic tests
     */
    @TestFactory
    @DisplayName("jbilliard TCK:")
    Stream<DynamicTest> jbilliardTck() {
        Path reportDir = reportDirectory();
        // No JUnit XML of its own: the build tool reports these dynamic tests, once.
        TckReport report = TckRunner.run(createContext(), reportDir, environment(), System.out, rules(), false);
        System.out.print(report.summary(reportDir, List.of(ReportWriter.JSON, ReportWriter.MARKDOWN)));
        System.out.flush();
        List<DynamicTest> tests = new ArrayList<>();
        for (RuleResult result : report.results()) {
            tests.add(DynamicTest.dynamicTest(testName(result.rule()), () -> verdict(result)));
        }
        return tests.stream();
    }

    /**
     * Returns the name of a rule's test: its ID and title, e.g.
     * {@code "Q-PUT-01 put then get returns equal items in FIFO order"}.
     *
     * @param rule the rule
     * @return the display name
     */
    static String testName(Rule rule) {
        return rule.id() + " " + rule.title();
    }

    private static void verdict(RuleResult result) {
        switch (result.status()) {
            case PASSED:
                return;
            case NOT_VERIFIED:
                Assumptions.abort(result.message());
                return;
            default:
                throw new AssertionError(result.rule().id() + " (" + result.rule().level() + ") failed: "
                        + result.message() + "\nIf this fails, check: " + result.rule().hint());
        }
    }
}
