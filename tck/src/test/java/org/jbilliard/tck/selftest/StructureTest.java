package org.jbilliard.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Label;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.RulesDocument;
import org.jbilliard.tck.Verifies;
import org.jbilliard.tck.rules.RuleClasses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The TCK's structure: every rule has a test named after it and an entry in the generated RULES.md; every
 * BEHAVIOUR row is the source of a rule. (That every rule kills a mutant is checked where the mutants live,
 * in the tck-selftest module.)
 */
class StructureTest {

    private static Map<Rule, List<Method>> testsByRule() {
        Map<Rule, List<Method>> tests = new EnumMap<>(Rule.class);
        for (Class<?> type : RuleClasses.all()) {
            for (Method method : type.getMethods()) {
                Verifies verifies = method.getAnnotation(Verifies.class);
                if (verifies != null) {
                    tests.computeIfAbsent(verifies.value(), r -> new java.util.ArrayList<>()).add(method);
                }
            }
        }
        return tests;
    }

    @Test
    void atLeastSixtyRulesWithUniqueWellFormedIds() {
        assertThat(Rule.values()).hasSizeGreaterThanOrEqualTo(60);
        Set<String> ids = new HashSet<>();
        for (Rule rule : Rule.values()) {
            assertThat(rule.id()).as("ID of %s", rule).matches("[A-Z]+(-[A-Z]+)*-\\d\\d");
            assertThat(rule.id().replace('-', '_')).as("constant name of %s", rule.id()).isEqualTo(rule.name());
            assertThat(ids.add(rule.id())).as("unique ID %s", rule.id()).isTrue();
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.intent()).isNotBlank();
            assertThat(rule.source()).isNotBlank();
            assertThat(rule.hint()).isNotBlank();
        }
    }

    @Test
    void everyRuleHasATestNamedAfterIt() {
        Map<Rule, List<Method>> tests = testsByRule();
        Set<Rule> untested = EnumSet.allOf(Rule.class);
        untested.removeAll(tests.keySet());
        assertThat(untested).as("rules without a @Verifies test").isEmpty();
        tests.forEach((rule, methods) -> {
            for (Method method : methods) {
                DisplayName display = method.getAnnotation(DisplayName.class);
                Label label = method.getAnnotation(Label.class);
                String name = display != null ? display.value() : label != null ? label.value() : method.getName();
                assertThat(name).as("display name of %s.%s", method.getDeclaringClass().getSimpleName(),
                        method.getName()).startsWith(rule.id() + " ");
            }
        });
    }

    @Test
    void everyBehaviourRowIsTheSourceOfARule() {
        Set<Integer> rows = new TreeSet<>();
        Pattern pattern = Pattern.compile("BEHAVIOUR rows? (\\d+)(?:[–-](\\d+))?");
        for (Rule rule : Rule.values()) {
            Matcher matcher = pattern.matcher(rule.source());
            while (matcher.find()) {
                int first = Integer.parseInt(matcher.group(1));
                int last = matcher.group(2) == null ? first : Integer.parseInt(matcher.group(2));
                for (int row = first; row <= last; row++) {
                    rows.add(row);
                }
            }
        }
        Set<Integer> missing = new TreeSet<>();
        for (int row = 1; row <= 24; row++) {
            if (!rows.contains(row)) {
                missing.add(row);
            }
        }
        assertThat(missing).as("BEHAVIOUR rows no rule names as its source").isEmpty();
    }

    @Test
    void rulesDocumentIsUpToDate() throws IOException {
        Path document = Paths.get(System.getProperty("jbilliard.tck.rulesDocument", "RULES.md"));
        String expected = RulesDocument.render();
        if (Boolean.getBoolean("jbilliard.tck.writeRules")) {
            Files.writeString(document, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
        assertThat(actual).as("%s is stale; regenerate it with: ./mvnw -q -pl tck -am test -Dtest=StructureTest"
                + " -Djbilliard.tck.writeRules=true -Dsurefire.failIfNoSpecifiedTests=false", document)
                .isEqualTo(expected);
    }
}
