package org.jbilliard.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jbilliard.Context;
import org.jbilliard.tck.JbilliardTck;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.mutants.QueueMutants;
import org.jbilliard.dummy.DummyContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link JbilliardTck} as an implementor's build runs it: one dynamic test per rule named by its ID and
 * title, failures with their whole message and hint, rules not verified aborted with their reason, and no
 * JUnit XML of its own next to the build tool's (no rule counted twice).
 */
class JbilliardTckTest {

    private static volatile Path reportDir;

    /** A subset of the rules against the in-JVM implementation (not picked up by Surefire: nested). */
    static class ConformingSubset extends JbilliardTck {
        @Override
        protected Context createContext() {
            return new DummyContext();
        }

        @Override
        protected Path reportDirectory() {
            return reportDir;
        }

        @Override
        protected Set<Rule> rules() {
            return EnumSet.of(Rule.Q_PUT_01, Rule.FEAT_QSIZE_01, Rule.X_EXACTLY_ONCE_01);
        }
    }

    /** The same subset against a mutant that drops items. */
    static class BrokenSubset extends ConformingSubset {
        @Override
        protected Context createContext() {
            return new QueueMutants.DropsItem();
        }
    }

    private static Events run(Class<?> type, Path dir) {
        reportDir = dir;
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(type)).execute().testEvents();
    }

    private static Event finished(Events events, String name) {
        return events.finished().stream().filter(e -> e.getTestDescriptor().getDisplayName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no test named " + name + " in " + names(events)));
    }

    private static List<String> names(Events events) {
        return events.finished().stream().map(e -> e.getTestDescriptor().getDisplayName()).collect(Collectors.toList());
    }

    @Test
    void oneTestPerRuleNamedByIdAndTitleAndNoJunitXmlOfItsOwn(@TempDir Path dir) throws IOException {
        Events events = run(ConformingSubset.class, dir);
        assertThat(names(events)).hasSize(Rule.values().length)
                .contains("Q-PUT-01 " + Rule.Q_PUT_01.title(), "FEAT-QSIZE-01 " + Rule.FEAT_QSIZE_01.title());
        assertThat(finished(events, "Q-PUT-01 " + Rule.Q_PUT_01.title()).getPayload(TestExecutionResult.class)
                .orElseThrow().getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        TestExecutionResult absence = finished(events, "FEAT-QSIZE-01 " + Rule.FEAT_QSIZE_01.title())
                .getPayload(TestExecutionResult.class).orElseThrow();
        assertThat(absence.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(absence.getThrowable().orElseThrow().getMessage())
                .contains("checks the declared absence of QSIZE");
        TestExecutionResult unselected = finished(events, "Q-GET-01 " + Rule.Q_GET_01.title())
                .getPayload(TestExecutionResult.class).orElseThrow();
        assertThat(unselected.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(unselected.getThrowable().orElseThrow().getMessage()).contains("not selected for this run");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tck-report.json",
                    "tck-report.md");
        }
    }

    @Test
    void aFailedRuleFailsItsTestWithTheWholeMessageAndTheHint(@TempDir Path dir) {
        Events events = run(BrokenSubset.class, dir);
        TestExecutionResult put = finished(events, "Q-PUT-01 " + Rule.Q_PUT_01.title())
                .getPayload(TestExecutionResult.class).orElseThrow();
        assertThat(put.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(put.getThrowable().orElseThrow().getMessage()).startsWith("Q-PUT-01 (required) failed: ")
                .contains("an item put before").contains("If this fails, check: " + Rule.Q_PUT_01.hint());
    }
}
