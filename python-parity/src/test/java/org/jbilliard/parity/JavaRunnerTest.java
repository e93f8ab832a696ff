package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jbilliard.dummy.DummyContext;
import org.junit.jupiter.api.Test;

class JavaRunnerTest {

    private final JavaRunner runner = new JavaRunner(new DummyContext(), Duration.ofSeconds(5), TimeFactor.get());

    private static Scenario scenario(String json) {
        return Scenario.parse(Json.parseObject(json));
    }

    private static Scenario library(String id) {
        return ScenarioLibrary.load().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Object> trace(RawResult r, String process) {
        return r.processes().get(process).trace().stream().map(e -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>(e);
            m.remove("detail");
            m.remove("bound");
            return (Object) m;
        }).toList();
    }

    @Test
    void theSeedsExceptionsExampleRunsAsOnBilliard() {
        RawResult r = runner.run(library("seed-example-exceptions"));
        assertThat(r.status()).isEqualTo("completed");
        assertThat(Json.write(trace(r, "main"))).isEqualTo("[{\"step\":\"put\",\"ok\":null},{\"step\":\"put\",\"ok\":null},"
                + "{\"step\":\"put_nowait\",\"error\":\"full\"},{\"step\":\"get_nowait\",\"ok\":\"item1\"},"
                + "{\"step\":\"get_nowait\",\"ok\":\"item2\"},{\"step\":\"get_nowait\",\"error\":\"empty\"},"
                + "{\"step\":\"put\",\"ok\":null},{\"step\":\"get\",\"ok\":\"timeout_test\"},{\"step\":\"get\",\"error\":\"empty\"}]");
    }

    @Test
    void childrenRunTheirStepsAndReportTracesAndExitCodes() {
        RawResult r = runner.run(library("joinable-join-across-processes"));
        assertThat(r.status()).isEqualTo("completed");
        Map<String, Object> views = Views.compute(library("joinable-join-across-processes"), r);
        assertThat(views.get("done")).isEqualTo(9L);
        assertThat(Values.canonical(views.get("got"))).isEqualTo("[0,1,2,3,4,5,6,7,8,null,null,null]");
        assertThat(views.get("exitcodes")).isEqualTo(Map.of("w1", 0L, "w2", 0L, "w3", 0L));
    }

    @Test
    void controlFlowBreaksContinuesAndStopsBlocksLikeThePythonRunner() {
        RawResult r = runner.run(scenario("{\"id\":\"flow\",\"queues\":{\"q\":{}},\"main\":["
                + "{\"op\":\"put\",\"q\":\"q\",\"item\":1},{\"op\":\"put\",\"q\":\"q\",\"item\":null},"
                + "{\"op\":\"loop\",\"max\":5,\"body\":[{\"op\":\"get\",\"q\":\"q\",\"timeout\":1,"
                + "  \"break_if\":[{\"value\":null,\"then\":[{\"op\":\"put\",\"q\":\"q\",\"item\":\"requeued\",\"tag\":\"then\"}]}]}]},"
                + "{\"op\":\"block\",\"body\":[{\"op\":\"get_nowait\",\"q\":\"q\"},{\"op\":\"get_nowait\",\"q\":\"q\"},{\"op\":\"qsize\",\"q\":\"q\"}]},"
                + "{\"op\":\"loop\",\"times\":2,\"body\":[{\"op\":\"empty\",\"q\":\"q\",\"continue_if\":{\"value\":true}},{\"op\":\"qsize\",\"q\":\"q\"}]},"
                + "{\"op\":\"loop\",\"max\":2,\"body\":[{\"op\":\"qsize\",\"q\":\"q\",\"record\":false}]}"
                + "]}"));
        assertThat(Json.write(trace(r, "main"))).isEqualTo("[{\"step\":\"put\",\"ok\":null},{\"step\":\"put\",\"ok\":null},"
                + "{\"step\":\"get\",\"ok\":1},{\"step\":\"get\",\"ok\":null},{\"step\":\"then\",\"ok\":null},"
                + "{\"step\":\"get_nowait\",\"ok\":\"requeued\"},{\"step\":\"get_nowait\",\"error\":\"empty\"},"
                + "{\"step\":\"empty\",\"ok\":true},{\"step\":\"empty\",\"ok\":true},"
                + "{\"step\":\"loop\",\"error\":\"loop-limit\"}]");
    }

    @Test
    void aHangingStepIsRecordedWithinItsBoundAndTheRunGoesOn() {
        long start = System.nanoTime();
        RawResult r = runner.run(scenario("{\"id\":\"hang\",\"queues\":{\"q\":{}},\"main\":["
                + "{\"op\":\"get\",\"q\":\"q\",\"bound\":0.3},{\"op\":\"qsize\",\"q\":\"q\"}]}"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds((long) (10 * TimeFactor.get())));
        assertThat(Json.write(trace(r, "main"))).isEqualTo("[{\"step\":\"get\",\"hang\":true},{\"step\":\"qsize\",\"ok\":0}]");
    }

    @Test
    void aMainThatOutlivesTheScenarioBoundIsCutOff() {
        RawResult r = runner.run(scenario("{\"id\":\"slow\",\"bound\":0.5,\"main\":[{\"op\":\"sleep\",\"seconds\":30}]}"));
        assertThat(r.status()).isEqualTo("hang");
        assertThat(r.message()).contains("cut off");
    }

    @Test
    void exceptionsMapToNeutralCategories() {
        RawResult r = runner.run(scenario("{\"id\":\"cats\",\"queues\":{\"q\":{},\"j\":{\"kind\":\"joinable\"}},\"main\":["
                + "{\"op\":\"put\",\"q\":\"q\",\"item\":{\"$unpicklable\":true}},{\"op\":\"task_done\",\"q\":\"j\"},"
                + "{\"op\":\"task_done\",\"q\":\"q\"},{\"op\":\"join_thread\",\"q\":\"q\"},{\"op\":\"close\",\"q\":\"q\"},"
                + "{\"op\":\"put\",\"q\":\"q\",\"item\":1}]}"));
        List<Object> errors = trace(r, "main").stream().map(e -> (Object) ((Map<?, ?>) e).get("error")).toList();
        assertThat(String.valueOf(errors)).isEqualTo("[codec-error, value-error, attribute-error, state-error, null, closed]");
    }
}
