package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ViewsTest {

    static Map<String, Object> ok(String step, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("step", step);
        e.put("ok", value);
        return e;
    }

    static Map<String, Object> err(String step, String category, String detail) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("step", step);
        e.put("error", category);
        e.put("detail", detail);
        return e;
    }

    static RawResult result(Map<String, List<Map<String, Object>>> traces) {
        Map<String, RawResult.ProcessTrace> p = new LinkedHashMap<>();
        traces.forEach((k, v) -> p.put(k, new RawResult.ProcessTrace(v, k.equals("main") ? null : 0)));
        return new RawResult("test", "1", "completed", p, List.of(), null, 1);
    }

    static Scenario scenario(String json) {
        return Scenario.parse(Json.parseObject(json));
    }

    @Test
    void multisetIgnoresWhichConsumerGotWhatAndInWhichOrder() {
        Scenario s = scenario("{\"id\":\"m\",\"processes\":[{\"name\":\"c1\",\"steps\":[]},{\"name\":\"c2\",\"steps\":[]}],"
                + "\"main\":[],\"observe\":[{\"name\":\"got\",\"kind\":\"multiset\",\"processes\":[\"c1\",\"c2\"],\"steps\":[\"get\"]}]}");
        RawResult a = result(Map.of("c1", List.of(ok("get", 1), ok("get", 3), ok("other", 9)), "c2", List.of(ok("get", 2))));
        RawResult b = result(Map.of("c1", List.of(ok("get", 2)), "c2", List.of(ok("get", 3), ok("get", 1))));
        assertThat(Views.compute(s, a)).isEqualTo(Views.compute(s, b));
        RawResult c = result(Map.of("c1", List.of(ok("get", 2)), "c2", List.of(ok("get", 3), ok("get", 3))));
        assertThat(Views.compute(s, a)).isNotEqualTo(Views.compute(s, c));
    }

    @Test
    void fifoViewChecksOrderPerProducerOnly() {
        assertThat(Views.perProducerOrder(List.of(ok("get", "A:0"), ok("get", "B:0"), ok("get", "A:1"), ok("get", List.of("B", 1L)))))
                .isTrue();
        assertThat(Views.perProducerOrder(List.of(ok("get", "A:1"), ok("get", "B:0"), ok("get", "A:0")))).isFalse();
        assertThat(Views.perProducerOrder(List.of(ok("get", "A:0"), ok("get", null), ok("get", "A:0")))).isFalse();
    }

    @Test
    void exceptionDetailsAndBoundsAreNotCompared() {
        Scenario s = scenario("{\"id\":\"d\",\"main\":[]}");
        Map<String, Object> hangA = new LinkedHashMap<>(Map.of("step", "get", "hang", true, "bound", 2.0));
        Map<String, Object> hangB = new LinkedHashMap<>(Map.of("step", "get", "hang", true, "bound", 3.5));
        RawResult a = result(Map.of("main", List.of(err("get", "empty", "Empty"), hangA)));
        RawResult b = result(Map.of("main", List.of(err("get", "empty", "Empty: queue q empty after 1 s"), hangB)));
        assertThat(Values.canonical(Views.compute(s, a))).isEqualTo(Values.canonical(Views.compute(s, b)));
    }

    @Test
    void defaultViewsAreOneSequencePerProcessPlusExitCodes() {
        Scenario s = scenario("{\"id\":\"v\",\"processes\":[{\"name\":\"p\",\"steps\":[]}],\"main\":[]}");
        assertThat(Views.specs(s)).extracting(Scenario.ViewSpec::name).containsExactly("main", "p", "exitcodes");
    }
}
