package org.jbilliard.tck.mutants;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.TckSubject;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.rules.RuleClasses;
import org.jbilliard.tck.runner.Json;
import org.jbilliard.tck.runner.RuleCollector;
import org.jbilliard.tck.runner.TckRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The TCK tests itself: every mutant in {@link MutantCatalogue} is run through the JUnit Platform (Engine
 * Test Kit) against the tests of the rules that must catch it; each such rule must fail, with an
 * {@link AssertionError} (never an NPE, a ClassCastException or a harness error) whose message contains
 * the expected explanation. The verdicts are written to {@code target/tck-selftest.json}.
 */
class MutantSelfTest {

    private static final List<String> RECORDS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> SURVIVORS = Collections.synchronizedList(new ArrayList<>());

    @TestFactory
    Stream<DynamicTest> everyMutantIsKilledByItsRules() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Mutant mutant : MutantCatalogue.all()) {
            for (Map.Entry<Rule, String> kill : mutant.kills().entrySet()) {
                tests.add(DynamicTest.dynamicTest(mutant.name() + " is killed by " + kill.getKey().id(), () -> {
                    try {
                        verifyKilled(mutant, kill.getKey(), kill.getValue());
                    } catch (AssertionError e) {
                        record(mutant, kill.getKey(), false, e.getMessage());
                        throw e;
                    }
                }));
            }
        }
        return tests.stream();
    }

    static void verifyKilled(Mutant mutant, Rule rule, String fragment) {
        TckEnvironment environment = TckEnvironment.current();
        Path reportDir = Paths.get("target", "tck-selftest");
        List<String> failures = new ArrayList<>();
        List<String> others = new ArrayList<>();
        TckSubject.install(mutant.create());
        try {
            for (Class<?> type : RuleClasses.all()) {
                for (Method method : type.getMethods()) {
                    Verifies verifies = method.getAnnotation(Verifies.class);
                    if (verifies == null || verifies.value() != rule) {
                        continue;
                    }
                    String engine = method.isAnnotationPresent(Property.class)
                            || method.isAnnotationPresent(Example.class) ? "jqwik" : "junit-jupiter";
                    EngineExecutionResults results = EngineTestKit.engine(engine)
                            .selectors(selectMethod(type, method))
                            .configurationParameters(TckRunner.configuration(reportDir, environment))
                            .execute();
                    for (Event event : results.testEvents().finished().list()) {
                        TestExecutionResult result = event.getPayload(TestExecutionResult.class).orElseThrow();
                        String test = testName(event);
                        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                            Throwable thrown = result.getThrowable().orElseThrow();
                            if (!(thrown instanceof AssertionError)) {
                                throw new AssertionError("mutant " + mutant.name() + " made " + test + " fail with "
                                        + thrown + " instead of an assertion that explains the breakage", thrown);
                            }
                            failures.add(RuleCollector.describe(thrown));
                        } else {
                            others.add(test + " " + result.getStatus());
                        }
                    }
                    results.testEvents().skipped().stream()
                            .forEach(e -> others.add(testName(e) + " skipped: " + e.getPayload(String.class).orElse("")));
                }
            }
        } finally {
            TckSubject.clear();
        }
        if (failures.isEmpty()) {
            throw new AssertionError("mutant " + mutant.name() + " (" + mutant.description() + ") survived "
                    + rule.id() + ": " + others);
        }
        // A fragment may list alternatives separated by '|' where the defect can surface in two ways.
        String explained = failures.stream()
                .filter(m -> java.util.Arrays.stream(fragment.split("\\|")).anyMatch(m::contains))
                .findFirst().orElse(null);
        if (explained == null) {
            throw new AssertionError("mutant " + mutant.name() + " failed " + rule.id() + " but the message does not"
                    + " contain '" + fragment + "': " + failures);
        }
        record(mutant, rule, true, explained);
    }

    private static void record(Mutant mutant, Rule rule, boolean caught, String message) {
        RECORDS.add("    {\"mutant\": " + Json.quote(mutant.name()) + ", \"description\": "
                + Json.quote(mutant.description()) + ", \"rule\": " + Json.quote(rule.id()) + ", \"caught\": "
                + caught + ", \"message\": " + Json.quote(message) + "}");
        if (!caught) {
            SURVIVORS.add(Json.quote(mutant.name() + " / " + rule.id()));
        }
    }

    private static String testName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    @AfterAll
    static void writeSelftestReport() throws IOException {
        Path file = Paths.get(System.getProperty("jbilliard.tck.selftestReport", "target/tck-selftest.json"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<String> records = new ArrayList<>(RECORDS);
        Collections.sort(records);
        long mutants = MutantCatalogue.all().size();
        String json = "{\n  \"mutants\": " + mutants + ",\n  \"kills\": " + records.size()
                + ",\n  \"survivors\": [" + String.join(", ", SURVIVORS) + "],\n  \"results\": [\n" + String.join(",\n", records) + "\n  ]\n}\n";
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
