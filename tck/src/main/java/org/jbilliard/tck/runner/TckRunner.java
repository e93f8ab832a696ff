package org.jbilliard.tck.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jbilliard.Context;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.TckSubject;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.rules.RuleClasses;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the TCK against a {@link Context} on the JUnit Platform (both the Jupiter and the jqwik engines)
 * and writes the reports: {@code tck-report.json}, {@code tck-report.md} and, unless the run is itself a test of
 * a JUnit build, one JUnit XML file with a test case per rule.
 *
 * <p>One run at a time per JVM: the context is installed in {@link TckSubject} for the duration of the
 * run.
 */
public final class TckRunner {

    /**
     * jqwik logs through java.util.logging at INFO (e.g. "test run database has been switched off"); a TCK
     * run shows only its own progress lines, so those are raised to WARNING while it runs. A strong
     * reference, because java.util.logging keeps loggers only weakly.
     */
    private static final Logger JQWIK_LOG = Logger.getLogger("net.jqwik");

    private TckRunner() {
    }

    /**
     * Runs every rule and writes every report, JUnit XML included.
     *
     * @param context     the implementation under test
     * @param reportDir   where the reports go
     * @param environment timeouts and tolerances
     * @param progress    where progress lines go
     * @return the report
     */
    public static TckReport run(Context context, Path reportDir, TckEnvironment environment, PrintStream progress) {
        return run(context, reportDir, environment, progress, EnumSet.allOf(Rule.class), true);
    }

    /**
     * Runs a selection of rules and writes every report, JUnit XML included.
     *
     * @param context     the implementation under test
     * @param reportDir   where the reports go
     * @param environment timeouts and tolerances
     * @param progress    where progress lines go
     * @param rules       the rules to run
     * @return the report
     */
    public static TckReport run(Context context, Path reportDir, TckEnvironment environment, PrintStream progress,
                                Set<Rule> rules) {
        return run(context, reportDir, environment, progress, rules, true);
    }

    /**
     * Runs a selection of rules and writes the reports ({@code tck-report.json}, {@code tck-report.md} and,
     * if asked, {@value ReportWriter#JUNIT_XML}). Prints one progress line per rule test; the caller prints
     * the closing {@link TckReport#summary summary}.
     *
     * @param context     the implementation under test
     * @param reportDir   where the reports go
     * @param environment timeouts and tolerances
     * @param progress    where progress lines go
     * @param rules       the rules to run
     * @param junitXml    whether to write JUnit XML (not when the run is itself a test of a JUnit build,
     *                    whose build tool reports it)
     * @return the report
     */
    public static TckReport run(Context context, Path reportDir, TckEnvironment environment, PrintStream progress,
                                Set<Rule> rules, boolean junitXml) {
        long start = System.nanoTime();
        String implementation = context.name() + " (" + context.getClass().getName() + ")";
        progress.println("jbilliard TCK: " + rules.size() + " rules against " + implementation + ", features "
                + context.features() + ", time factor " + environment.timeFactor());
        TckEnvironment previous = TckEnvironment.current();
        TckEnvironment.install(environment);
        TckSubject.install(context);
        RuleCollector collector = new RuleCollector();
        Level jqwikLevel = JQWIK_LOG.getLevel();
        JQWIK_LOG.setLevel(Level.WARNING);
        try {
            LauncherDiscoveryRequest request = request(reportDir, environment, rules);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, collector, new ProgressPrinter(progress));
        } finally {
            JQWIK_LOG.setLevel(jqwikLevel);
            TckSubject.clear();
            TckEnvironment.install(previous);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        TckReport report = new TckReport(implementation, context.features(),
                collector.results(context.features(), rules), environment.timeFactor(), millis);
        ReportWriter.write(report, reportDir, junitXml);
        return report;
    }

    /**
     * Returns the configuration parameters of a TCK run: no jqwik database (a TCK run does not re-run
     * earlier failures first, and leaves no files behind but its reports), jqwik's reports of falsified
     * properties through the JUnit Platform (so that they travel with the failure instead of being printed
     * by jqwik), and a default timeout for Jupiter tests as a last resort against hangs (the rules bound
     * their own blocking calls much earlier).
     *
     * @param reportDir   the report directory (no longer written to by jqwik; kept for callers)
     * @param environment timeouts
     * @return the parameters
     */
    public static java.util.Map<String, String> configuration(Path reportDir, TckEnvironment environment) {
        return configuration(environment);
    }

    /**
     * Returns the configuration parameters of a TCK run (see {@link #configuration(Path, TckEnvironment)}).
     *
     * @param environment timeouts
     * @return the parameters
     */
    public static java.util.Map<String, String> configuration(TckEnvironment environment) {
        long lastResortSeconds = environment.scenarioLimit().multipliedBy(2).toSeconds();
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        // An empty path turns jqwik's test-run database off (documented by jqwik).
        parameters.put("jqwik.database", "");
        parameters.put("jqwik.failures.runfirst", "false");
        parameters.put("jqwik.reporting.onlyfailures", "true");
        parameters.put("jqwik.reporting.usejunitplatform", "true");
        parameters.put("junit.jupiter.execution.timeout.testable.method.default", lastResortSeconds + " s");
        parameters.put("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
        // NOTE: rules measure timeouts; they must not compete with each other for the CPU, whatever the
        // implementor's junit-platform.properties says.
        parameters.put("junit.jupiter.execution.parallel.enabled", "false");
        return parameters;
    }

    /**
     * Builds the discovery request for a selection of rules, configured as the TCK needs (jqwik database
     * in the report directory, a default timeout as a last resort against hangs).
     *
     * @param reportDir   the report directory
     * @param environment timeouts
     * @param rules       the rules to run
     * @return the request
     */
    public static LauncherDiscoveryRequest request(Path reportDir, TckEnvironment environment, Set<Rule> rules) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        boolean all = rules.containsAll(EnumSet.allOf(Rule.class));
        for (Class<?> type : RuleClasses.all()) {
            if (all) {
                selectors.add(selectClass(type));
                continue;
            }
            for (Method method : type.getMethods()) {
                Verifies verifies = method.getAnnotation(Verifies.class);
                if (verifies != null && rules.contains(verifies.value())) {
                    selectors.add(selectMethod(type, method));
                }
            }
        }
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(configuration(reportDir, environment))
                .build();
    }
}
