package org.jbilliard.tck.runner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs the TCK against a {@link Context} on the JUnit Platform (both the Jupiter and the jqwik engines)
 * and writes the reports: JUnit XML, {@code tck-report.json} and {@code tck-report.md}.
 *
 * <p>One run at a time per JVM: the context is installed in {@link TckSubject} for the duration of the
 * run.
 */
public final class TckRunner {

    private TckRunner() {
    }

    /**
     * Runs every rule.
     *
     * @param context     the implementation under test
     * @param reportDir   where the reports go
     * @param environment timeouts and tolerances
     * @param progress    where progress lines go
     * @return the report
     */
    public static TckReport run(Context context, Path reportDir, TckEnvironment environment, PrintStream progress) {
        return run(context, reportDir, environment, progress, EnumSet.allOf(Rule.class));
    }

    /**
     * Runs a selection of rules.
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
        long start = System.nanoTime();
        String implementation = context.name() + " (" + context.getClass().getName() + ")";
        progress.println("jbilliard TCK: " + rules.size() + " rules against " + implementation + ", features "
                + context.features() + ", time factor " + environment.timeFactor());
        TckEnvironment previous = TckEnvironment.current();
        TckEnvironment.install(environment);
        TckSubject.install(context);
        RuleCollector collector = new RuleCollector();
        try {
            LauncherDiscoveryRequest request = request(reportDir, environment, rules);
            Launcher launcher = LauncherFactory.create();
            PrintWriter xmlLog = new PrintWriter(new java.io.OutputStreamWriter(progress, StandardCharsets.UTF_8), true);
            launcher.execute(request, collector, new ProgressPrinter(progress),
                    new LegacyXmlReportGeneratingListener(reportDir, xmlLog));
        } finally {
            TckSubject.clear();
            TckEnvironment.install(previous);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        TckReport report = new TckReport(implementation, context.features(),
                collector.results(context.features(), rules), environment.timeFactor(), millis);
        ReportWriter.write(report, reportDir);
        progress.println(String.format(Locale.ROOT, "%njbilliard TCK finished in %.1f s: %s", millis / 1000.0,
                report.summaryLine()));
        progress.println("reports: " + reportDir.toAbsolutePath());
        return report;
    }

    /**
     * Returns the configuration parameters of a TCK run: the jqwik database in the report directory, no
     * re-running of earlier failures first, and a default timeout for Jupiter tests as a last resort
     * against hangs (the rules bound their own blocking calls much earlier).
     *
     * @param reportDir   the report directory
     * @param environment timeouts
     * @return the parameters
     */
    public static java.util.Map<String, String> configuration(Path reportDir, TckEnvironment environment) {
        long lastResortSeconds = environment.scenarioLimit().multipliedBy(2).toSeconds();
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("jqwik.database", reportDir.resolve("jqwik-database").toString());
        parameters.put("jqwik.failures.runfirst", "false");
        parameters.put("jqwik.reporting.onlyfailures", "true");
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
