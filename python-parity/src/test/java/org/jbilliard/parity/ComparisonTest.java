package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jbilliard.parity.ViewsTest.err;
import static org.jbilliard.parity.ViewsTest.ok;
import static org.jbilliard.parity.ViewsTest.result;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ComparisonTest {

    private final Scenario scenario = ViewsTest.scenario("{\"id\":\"s\",\"rows\":[4],\"main\":[]}");
    private final RawResult billiard = result(Map.of("main", List.of(ok("put", null), err("get", "empty", "Empty"))));
    private final RawResult same = result(Map.of("main", List.of(ok("put", null), err("get", "empty", "Empty: after 0 s"))));
    private final RawResult other = result(Map.of("main", List.of(ok("put", null), ok("get", "x"))));

    private static Deviation deviation(String json) {
        return Deviation.parseAll("{\"deviations\":[" + json + "]}").get("s");
    }

    @Test
    void sameObservationsAgree() {
        Verdict v = Comparison.judge(scenario, billiard, same, null);
        assertThat(v.status()).isEqualTo("agree");
        assertThat(v.failing()).isFalse();
    }

    @Test
    void anUndocumentedDifferenceIsDiffer() {
        Verdict v = Comparison.judge(scenario, billiard, other, null);
        assertThat(v.status()).isEqualTo("differ");
        assertThat(v.differing()).containsExactly("main");
        assertThat(v.detail()).contains("undocumented");
        assertThat(v.failing()).isTrue();
    }

    @Test
    void aDocumentedDifferenceIsADeviation() {
        Verdict v = Comparison.judge(scenario, billiard, other,
                deviation("{\"scenario\":\"s\",\"row\":4,\"reason\":\"takes the ready item\",\"views\":[\"main\"],"
                        + "\"java\":{\"main\":{\"main\":[{\"step\":\"put\",\"ok\":null},{\"step\":\"get\",\"ok\":\"x\"}]}}}"));
        assertThat(v.status()).isEqualTo("deviation");
        assertThat(v.detail()).contains("row 4").contains("takes the ready item");
        assertThat(v.failing()).isFalse();
    }

    @Test
    void aDeviationWhoseJbilliardSideIsWrongStillDiffers() {
        Verdict v = Comparison.judge(scenario, billiard, other,
                deviation("{\"scenario\":\"s\",\"row\":4,\"reason\":\"r\",\"views\":[\"main\"],\"java\":{\"main\":{\"main\":[]}}}"));
        assertThat(v.status()).isEqualTo("differ");
        assertThat(v.detail()).contains("does not show the documented [main]");
    }

    @Test
    void aDeviationLimitedToOtherViewsDoesNotCoverThisOne() {
        Verdict v = Comparison.judge(scenario, billiard, other,
                deviation("{\"scenario\":\"s\",\"row\":4,\"reason\":\"r\",\"views\":[\"exitcodes\"],\"java\":{\"exitcodes\":{}}}"));
        assertThat(v.status()).isEqualTo("differ");
        assertThat(v.detail()).contains("not covered");
    }

    @Test
    void aDocumentedDeviationThatNoLongerDiffersIsFlaggedStale() {
        Verdict v = Comparison.judge(scenario, billiard, same, deviation("{\"scenario\":\"s\",\"row\":4,\"reason\":\"r\",\"views\":[\"main\"],\"java\":{\"main\":{\"main\":[{\"step\":\"put\",\"ok\":null},{\"step\":\"get\",\"ok\":\"x\"}]}}}"));
        assertThat(v.status()).isEqualTo("agree");
        assertThat(v.stale()).isTrue();
        assertThat(v.detail()).contains("stale");
    }

    @Test
    void aBilliardHangIsADeviationOnlyWhenDocumented() {
        RawResult hang = RawResult.failed("billiard", "4.1.0", "hang", "billiard: hangs, cut off after 3 s", 3000);
        assertThat(Comparison.judge(scenario, hang, other, null).status()).isEqualTo("differ");
        Verdict documented = Comparison.judge(scenario, hang, other,
                deviation("{\"scenario\":\"s\",\"row\":19,\"reason\":\"r\",\"billiard_hangs\":true,"
                        + "\"views\":[\"main\"],\"java\":{\"main\":{\"main\":[{\"step\":\"put\",\"ok\":null},{\"step\":\"get\",\"ok\":\"x\"}]}}}"));
        assertThat(documented.status()).isEqualTo("deviation");
        assertThat(documented.detail()).contains("billiard: hangs — known defect");
    }

    @Test
    void aBilliardStepThatHungIsLabelledAsTheKnownDefect() {
        java.util.Map<String, Object> hang = new java.util.LinkedHashMap<>(Map.of("step", "get", "hang", true, "bound", 2.0));
        RawResult hung = result(Map.of("main", List.of(ok("put", null), hang)));
        Verdict v = Comparison.judge(scenario, hung, other, deviation("{\"scenario\":\"s\",\"row\":19,\"reason\":\"r\",\"views\":[\"main\"],\"java\":{\"main\":{\"main\":[{\"step\":\"put\",\"ok\":null},{\"step\":\"get\",\"ok\":\"x\"}]}}}"));
        assertThat(v.status()).isEqualTo("deviation");
        assertThat(v.detail()).startsWith("billiard: hangs — known defect");
    }

    @Test
    void runsThatDidNotCompleteAreErrorsOrSkips() {
        RawResult skipped = RawResult.failed("billiard", null, "skipped", "no billiard", 0);
        assertThat(Comparison.judge(scenario, skipped, other, null).status()).isEqualTo("skipped");
        RawResult javaHang = RawResult.failed("jbilliard:x", null, "hang", "cut off after 60 s", 60000);
        Verdict v = Comparison.judge(scenario, billiard, javaHang, null);
        assertThat(v.status()).isEqualTo("error");
        assertThat(v.detail()).contains("cut off");
        RawResult pyError = RawResult.failed("billiard", null, "error", "Traceback (most recent call last):\n  x\nValueError: bad", 1);
        assertThat(Comparison.judge(scenario, pyError, other, null).detail()).endsWith("ValueError: bad");
    }

    @Test
    void aDeviationMustPinEveryViewItAllows() {
        assertThatThrownBy(() -> deviation("{\"scenario\":\"s\",\"row\":15,\"reason\":\"r\",\"views\":[\"got\",\"exitcodes\"],"
                + "\"java\":{\"exitcodes\":{\"w\":0}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deviation of scenario s allows view 'got' to differ but does not pin it");
        assertThatThrownBy(() -> deviation("{\"scenario\":\"s\",\"row\":4,\"reason\":\"r\"}"))
                .hasMessageContaining("deviation of scenario s lists no view");
        assertThatThrownBy(() -> deviation("{\"scenario\":\"s\",\"row\":4,\"reason\":\"r\",\"views\":[\"main\"],"
                + "\"java\":{\"main\":[],\"exitcodes\":{}}}"))
                .hasMessageContaining("pins view 'exitcodes', which its \"views\" [main] do not list");
    }

    @Test
    void theShippedDeviationsPinEveryViewTheyAllow() {
        Map<String, Deviation> shipped = Deviation.parseAll(ScenarioLibrary.resource("deviations.json"));
        assertThat(shipped).isNotEmpty().allSatisfy((id, d) -> {
            assertThat(d.views()).isNotEmpty();
            assertThat(d.java().keySet()).containsExactlyInAnyOrderElementsOf(d.views());
        });
    }
}
