package org.jbilliard.tck.runner;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jbilliard.Feature;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.Verifies;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Turns test events into verdicts per rule: a test's rule is found through its {@link Verifies}
 * annotation; a rule failed if any of its tests failed, passed if one passed and none failed, and is not
 * verified otherwise (skipped or aborted tests give the reason).
 *
 * <p>Used by one launcher run at a time; events arrive on the launcher's threads, so methods are
 * synchronized.
 */
public final class RuleCollector implements TestExecutionListener {

    private static final int MAX_MESSAGE = 4000;

    private final Map<Rule, Tally> tallies = new EnumMap<>(Rule.class);
    private final Map<String, Long> started = new java.util.HashMap<>();
    private final Map<String, List<String>> reports = new java.util.HashMap<>();

    /** Creates an empty collector. */
    public RuleCollector() {
    }

    private static final class Tally {
        int passed;
        int tests;
        long millis;
        final List<String> failures = new ArrayList<>();
        final List<String> skips = new ArrayList<>();
        /** What passing tests reported they exercised ({@link org.jbilliard.tck.rules.RuleTest#EVIDENCE}). */
        final List<String> evidence = new ArrayList<>();
    }

    /**
     * Returns the rule a test verifies.
     *
     * @param identifier the test
     * @return the rule, if the test is a rule test
     */
    public static Optional<Rule> ruleOf(TestIdentifier identifier) {
        Optional<TestSource> source = identifier.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource) {
            try {
                Method method = ((MethodSource) source.get()).getJavaMethod();
                Verifies verifies = method.getAnnotation(Verifies.class);
                return Optional.ofNullable(verifies).map(Verifies::value);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Tally tally(Rule rule) {
        return tallies.computeIfAbsent(rule, r -> new Tally());
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        started.put(identifier.getUniqueId(), System.nanoTime());
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        if (identifier.isTest()) {
            ruleOf(identifier).ifPresent(rule -> tally(rule).skips.add(reason == null ? "disabled" : reason));
        }
    }

    /**
     * Keeps what an engine reports about a test (jqwik's report of a falsified property: tries, seed and
     * the shrunk sample), so that a failure carries it.
     */
    @Override
    public synchronized void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        for (Map.Entry<String, String> pair : entry.getKeyValuePairs().entrySet()) {
            if (pair.getKey().equals(org.jbilliard.tck.rules.RuleTest.EVIDENCE)) {
                ruleOf(identifier).ifPresent(rule -> tally(rule).evidence.add(pair.getValue()));
                continue;
            }
            String text = jqwikReport(pair.getValue());
            if (!text.isBlank()) {
                reports.computeIfAbsent(identifier.getUniqueId(), id -> new ArrayList<>()).add(text);
            }
        }
    }

    /**
     * Returns the part of a jqwik report worth quoting in a failure: how many tries it took, the seed that
     * reproduces it, and the shrunk sample. The failure itself (which jqwik repeats first), jqwik's settings
     * and the original, unshrunk sample are left out.
     */
    static String jqwikReport(String value) {
        List<String> lines = List.of(value.split("\\R"));
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("-jqwik-")) {
                from = i + 1;
                break;
            }
        }
        StringBuilder kept = new StringBuilder();
        boolean sample = false;
        for (String line : lines.subList(from, lines.size())) {
            String stripped = line.strip();
            if (stripped.startsWith("Original Sample") || stripped.startsWith("Original Error")) {
                break;
            }
            sample |= stripped.startsWith("Shrunk Sample") || stripped.startsWith("Sample");
            String key = stripped.contains("=") ? stripped.substring(0, stripped.indexOf('=')).strip() : "";
            if (sample ? !stripped.isEmpty() && !stripped.matches("-+")
                    : key.equals("tries") || key.equals("checks") || key.equals("seed")) {
                kept.append(sample ? line.stripTrailing() : stripped.replaceAll("\\s*\\|.*$", "")).append('\n');
            }
        }
        String text = kept.toString().strip();
        return text.length() > 1500 ? text.substring(0, 1497) + "..." : text;
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Long start = started.remove(identifier.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        List<String> published = reports.remove(identifier.getUniqueId());
        if (!identifier.isTest()) {
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                containerFailed(identifier, result);
            }
            return;
        }
        Optional<Rule> rule = ruleOf(identifier);
        if (rule.isEmpty()) {
            return;
        }
        Tally tally = tally(rule.get());
        tally.tests++;
        tally.millis += millis;
        switch (result.getStatus()) {
            case SUCCESSFUL:
                tally.passed++;
                break;
            case ABORTED:
                tally.skips.add(result.getThrowable().map(RuleCollector::abortReason).orElse("aborted"));
                break;
            default:
                tally.failures.add(identifier.getDisplayName() + ": "
                        + result.getThrowable().map(RuleCollector::describe).orElse("failed")
                        + (published == null ? "" : "\n" + String.join("\n", published)));
        }
    }

    private void containerFailed(TestIdentifier identifier, TestExecutionResult result) {
        Optional<TestSource> source = identifier.getSource();
        if (source.isEmpty() || !(source.get() instanceof ClassSource)) {
            return;
        }
        Class<?> type = ((ClassSource) source.get()).getJavaClass();
        String message = "test class " + type.getSimpleName() + " failed: "
                + result.getThrowable().map(RuleCollector::describe).orElse("failed");
        for (Method method : type.getMethods()) {
            Verifies verifies = method.getAnnotation(Verifies.class);
            if (verifies != null) {
                tally(verifies.value()).failures.add(message);
            }
        }
    }

    private static String abortReason(Throwable thrown) {
        String message = String.valueOf(thrown.getMessage()).replaceFirst("^Assumption failed: ", "");
        return message.replaceFirst("^not verified: ", "");
    }

    /**
     * Describes a test failure: the message for assertion errors, class and message otherwise, with the
     * causes (which carry remote stack traces of child processes).
     *
     * @param thrown the failure
     * @return the description
     */
    public static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        Throwable current = thrown;
        int depth = 0;
        while (current != null && depth < 4) {
            boolean assertion = current instanceof AssertionError
                    && current.getClass().getName().startsWith("java.lang");
            String part = assertion && current.getMessage() != null ? current.getMessage() : current.toString();
            // A wrapper often repeats its cause's message: say it once.
            if (depth == 0 || current.getMessage() == null || !text.toString().contains(current.getMessage())) {
                text.append(depth > 0 ? " | caused by: " : "").append(part);
            }
            current = current.getCause() == current ? null : current.getCause();
            depth++;
        }
        String message = text.toString();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    }

    /**
     * Builds the verdicts.
     *
     * @param features the implementation's declared features
     * @param selected the rules that were selected for the run
     * @return one result per rule, in rule order
     */
    public synchronized List<RuleResult> results(Set<Feature> features, Set<Rule> selected) {
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            Tally tally = tallies.get(rule);
            String notApplicable = rule.need().whyNotApplicable(features);
            if (tally != null && !tally.failures.isEmpty()) {
                results.add(new RuleResult(rule, RuleStatus.FAILED, String.join("\n", tally.failures), tally.millis,
                        tally.tests));
            } else if (tally != null && tally.passed > 0) {
                results.add(new RuleResult(rule, RuleStatus.PASSED, "", tally.millis, tally.tests, "",
                        String.join("; ", tally.evidence)));
            } else if (notApplicable != null) {
                results.add(new RuleResult(rule, RuleStatus.NOT_VERIFIED, notApplicable, 0, 0,
                        notApplicableGroup(rule, features)));
            } else if (!selected.contains(rule)) {
                results.add(new RuleResult(rule, RuleStatus.NOT_VERIFIED, "not verified: not selected for this run", 0,
                        0, "not selected for this run"));
            } else if (tally != null && !tally.skips.isEmpty()) {
                String reason = tally.skips.get(0);
                results.add(new RuleResult(rule, RuleStatus.NOT_VERIFIED, "not verified: " + reason,
                        tally.millis, tally.tests, "skipped: " + shorten(reason, 120), String.join("; ", tally.evidence)));
            } else {
                results.add(new RuleResult(rule, RuleStatus.NOT_VERIFIED, "not verified: no test of this rule ran", 0, 0,
                        "with no test that ran"));
            }
        }
        return results;
    }

    private static String notApplicableGroup(Rule rule, Set<Feature> features) {
        Feature absent = rule.need().absentFeature();
        if (absent != null && features.contains(absent)) {
            return RuleResult.DECLARED_ABSENCE;
        }
        for (Feature feature : rule.need().required()) {
            if (!features.contains(feature)) {
                return "need " + feature + " (not declared)";
            }
        }
        return "not applicable";
    }

    private static String shorten(String text, int max) {
        String line = text.strip().replace('\n', ' ');
        return line.length() > max ? line.substring(0, max - 3) + "..." : line;
    }
}
