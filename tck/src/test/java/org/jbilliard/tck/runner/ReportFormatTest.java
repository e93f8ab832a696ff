package org.jbilliard.tck.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jbilliard.Feature;
import org.jbilliard.tck.Rule;
import org.junit.jupiter.api.Test;

/** The report formats: the tally names every reason a rule was not verified; failures keep their detail. */
class ReportFormatTest {

    private static final Set<Feature> FEATURES = EnumSet.complementOf(EnumSet.of(Feature.CROSS_PROCESS));

    private static TckReport report(Rule failed, String message) {
        List<RuleResult> results = new ArrayList<>();
        for (RuleResult result : new RuleCollector().results(FEATURES, EnumSet.allOf(Rule.class))) {
            if (result.rule() == failed) {
                results.add(new RuleResult(failed, RuleStatus.FAILED, message, 3, 1));
            } else if (result.group().equals("with no test that ran")) {
                results.add(new RuleResult(result.rule(), RuleStatus.PASSED, "", 1, 1));
            } else {
                results.add(result);
            }
        }
        return new TckReport("sample (x.Sample)", FEATURES, results, 1.0, 1234);
    }

    @Test
    void tallyCountsEveryRuleNotVerifiedUnderItsReason() {
        TckReport report = report(Rule.Q_PUT_01, "boom");
        long absence = report.results().stream().filter(r -> r.group().equals(RuleResult.DECLARED_ABSENCE)).count();
        long cross = report.results().stream().filter(r -> r.group().equals("need CROSS_PROCESS (not declared)"))
                .count();
        assertThat(absence).isPositive();
        assertThat(cross).isPositive();
        assertThat(report.count(RuleStatus.NOT_VERIFIED)).isEqualTo(absence + cross);
        long passed = Rule.values().length - 1 - absence - cross;
        assertThat(report.tally()).isEqualTo(passed + " passed, 1 failed (1 required), " + (absence + cross)
                + " not verified (" + describe(absence, cross) + ")");
        assertThat(ReportWriter.json(report)).contains("\"tally\": \"" + report.tally() + "\"")
                .contains("\"notVerifiedReasons\": {")
                .contains("\"" + RuleResult.DECLARED_ABSENCE + "\": " + absence);
    }

    private static String describe(long absence, long cross) {
        String a = absence + (absence == 1 ? " declared-absence rule that does not apply"
                : " " + RuleResult.DECLARED_ABSENCE);
        String c = cross + (cross == 1 ? " needs" : " need") + " CROSS_PROCESS (not declared)";
        return absence >= cross ? a + ", " + c : c + ", " + a;
    }

    @Test
    void failuresKeepEveryLineInTheSummaryAndTheJunitXml() {
        String message = "put(2, 0 ms): expected Full, but it returned null\nfinal state: items=[1]\n"
                + "; actions: [put, get <x> & \"y\"]";
        TckReport report = report(Rule.Q_MODEL_01, message);
        String summary = report.summary(Paths.get("r"), List.of(ReportWriter.JSON));
        assertThat(summary).contains("    put(2, 0 ms): expected Full, but it returned null\n    final state: items=[1]\n"
                + "    ; actions: [put, get <x> & \"y\"]\n    if this fails, check: " + Rule.Q_MODEL_01.hint());
        assertThat(summary.strip().lines().reduce((a, b) -> b).orElseThrow()).matches("=+");
        String xml = ReportWriter.junitXml(report);
        assertThat(xml).contains("<testcase classname=\"jbilliard.tck.required\" name=\"Q-MODEL-01 "
                        + ReportWriter.xml(Rule.Q_MODEL_01.title()) + "\"")
                .contains("final state: items=[1]&#10;; actions: [put, get &lt;x&gt; &amp; &quot;y&quot;]")
                .contains("<skipped message=\"not verified: the implementation does not declare CROSS_PROCESS\"/>")
                .contains("tests=\"" + Rule.values().length + "\" failures=\"1\"");
    }

    @Test
    void jqwikReportKeepsTriesSeedAndTheShrunkSampleOnly() {
        String report = String.join("\n",
                "java.lang.AssertionError: the model expects Full",
                "                              |-----------------------jqwik-----------------------",
                "tries = 3                     | # of calls to property",
                "checks = 3                    | # of not rejected calls",
                "edge-cases#mode = MIXIN       | edge cases are mixed in",
                "seed = 42                     | random seed to reproduce generated values",
                "",
                "Shrunk Sample (2 steps)",
                "-----------------------",
                "  arg0: ActionChain[FAILED]: [\"put\", \"putNowait\"]",
                "",
                "Original Sample",
                "---------------",
                "  arg0: ActionChain[FAILED]: [\"put\", \"get\", \"put\", \"putNowait\"]");
        assertThat(RuleCollector.jqwikReport(report)).isEqualTo(String.join("\n", "tries = 3", "checks = 3",
                "seed = 42", "Shrunk Sample (2 steps)", "  arg0: ActionChain[FAILED]: [\"put\", \"putNowait\"]"));
    }
}
