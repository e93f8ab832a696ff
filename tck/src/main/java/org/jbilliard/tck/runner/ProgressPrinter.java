package org.jbilliard.tck.runner;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jbilliard.tck.Rule;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line per finished rule test, so that a long run shows where it is:
 * {@code [ 12/140] PASS Q-PUT-01 put then get returns equal items in FIFO order (12 ms)}. A failure's
 * whole message follows its line, indented.
 *
 * <p>Thread-safe: printing methods are synchronized.
 */
public final class ProgressPrinter implements TestExecutionListener {

    private static final String DETAIL_INDENT = "        ";

    private final PrintStream out;
    private long total;
    private long done;
    private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Creates the printer.
     *
     * @param out where to print
     */
    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        total = plan.countTestIdentifiers(TestIdentifier::isTest);
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        started.put(identifier.getUniqueId(), System.nanoTime());
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            line("SKIP", identifier, reason == null ? "disabled" : reason);
        }
    }

    /** Evidence a running test published, by unique id, for its PASS line. */
    private final Map<String, String> evidence = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        String text = entry.getKeyValuePairs().get(org.jbilliard.tck.rules.RuleTest.EVIDENCE);
        if (text != null) {
            evidence.merge(identifier.getUniqueId(), text, (a, b) -> a + "; " + b);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                out.println("        FAIL " + identifier.getDisplayName() + ":");
                out.println(TckReport.indent(result.getThrowable().map(RuleCollector::describe).orElse("failed"),
                        DETAIL_INDENT));
                out.flush();
            }
            return;
        }
        Long start = started.remove(identifier.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        String exercised = evidence.remove(identifier.getUniqueId());
        switch (result.getStatus()) {
            case SUCCESSFUL:
                line("PASS", identifier, millis + " ms" + (exercised == null ? "" : "; " + exercised));
                break;
            case ABORTED:
                line("SKIP", identifier, result.getThrowable().map(t -> String.valueOf(t.getMessage()))
                        .orElse("aborted").replaceFirst("^Assumption failed: ", "").replace('\n', ' '));
                break;
            default:
                // The whole message, below the line: expected and actual, the shrunk action sequence, causes.
                line("FAIL", identifier, millis + " ms");
                out.println(TckReport.indent(result.getThrowable().map(RuleCollector::describe).orElse("failed"),
                        DETAIL_INDENT));
                out.flush();
        }
    }

    private void line(String verdict, TestIdentifier identifier, String detail) {
        done++;
        Optional<Rule> rule = RuleCollector.ruleOf(identifier);
        String name = rule.map(r -> r.id() + " " + r.title()).orElse(identifier.getDisplayName());
        int width = String.valueOf(total).length();
        out.println(String.format(Locale.ROOT, "[%" + width + "d/%d] %s %s (%s)", done, total, verdict, name, detail));
        out.flush();
    }

}
