package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Ratios, target verdicts and the three writers, on a hand-made run. */
class ReportTest {

    private final ResultSet results = new ResultSet();

    @BeforeEach
    void fillARun() {
        String q = Workload.QUEUE_1TO1.id();
        for (double v : new double[] {1_000_000, 900_000, 1_100_000}) {
            results.add(q, "jbilliard", Metric.THROUGHPUT, v);
        }
        for (double v : new double[] {150_000, 100_000, 160_000}) {
            results.add(q, "billiard", Metric.THROUGHPUT, v);
        }
        for (double v : new double[] {2_500_000, 2_400_000, 2_600_000}) {
            results.add(q, "raw-pipe", Metric.THROUGHPUT, v);
        }
        results.add(Workload.JOINABLE_1TO1.id(), "jbilliard", Metric.THROUGHPUT, 950_000);
        results.add(Workload.JOINABLE_1TO1.id(), "billiard", Metric.THROUGHPUT, 120_000);
        results.add(Workload.PINGPONG_SIMPLE.id(), "jbilliard", Metric.RTT_P50, 8);
        results.add(Workload.PINGPONG_SIMPLE.id(), "jbilliard", Metric.RTT_P99, 70);
        results.add("jmh:CodecBenchmark.encode[Integer]", "jbilliard", Metric.TIME_PER_OP, 12.5);
        results.fail(Workload.STARTUP.id(), "jbilliard", "jbilliard: PipeQueues not implemented yet (x)");
    }

    @Test
    void ratiosCompareMediansOfTheSameRun() {
        assertThat(results.ratios()).contains(
                new Ratio("queue-1to1-int", Metric.THROUGHPUT, "billiard", 1_000_000 / 150_000.0),
                new Ratio("queue-1to1-int", Metric.THROUGHPUT, "raw-pipe", 1_000_000 / 2_500_000.0),
                new Ratio("joinable-1to1-int", Metric.THROUGHPUT, "jbilliard queue-1to1-int", 0.95));
        assertThat(results.ratios()).noneMatch(r -> r.workload().startsWith("jmh:"));
    }

    @Test
    void aZeroDenominatorGivesNoRatio() {
        results.add(Workload.IDLE_CPU.id(), "jbilliard", Metric.IDLE_CPU, 2.0);
        results.add(Workload.IDLE_CPU.id(), "billiard", Metric.IDLE_CPU, 0.0);
        assertThat(results.ratios()).noneMatch(r -> r.workload().equals(Workload.IDLE_CPU.id()));
        assertThat(JsonReport.render(report())).doesNotContain("Infinity");
    }

    @Test
    void targetsAreMetMissedOrNotMeasured() {
        Map<Workload, Target.Verdict> verdicts = new LinkedHashMap<>();
        for (Target target : Target.goals()) {
            verdicts.put(target.workload(), target.judge(results));
        }
        // 6.67× billiard but only 0.40× the raw pipe (< 0.5)
        assertThat(verdicts.get(Workload.QUEUE_1TO1).status()).isEqualTo(Target.Status.MISSED);
        assertThat(verdicts.get(Workload.QUEUE_1TO1).measured())
                .isEqualTo("6.67× billiard, 0.40× raw-pipe (needs ≥ 0.5×)");
        // 0.95× Queue (≥ 0.90)
        assertThat(verdicts.get(Workload.JOINABLE_1TO1).status()).isEqualTo(Target.Status.MET);
        // p50 8 µs met, p99 70 µs missed
        assertThat(verdicts.get(Workload.PINGPONG_SIMPLE).status()).isEqualTo(Target.Status.MISSED);
        assertThat(verdicts.get(Workload.PINGPONG_SIMPLE).measured())
                .isEqualTo("rtt-p50 8.00 us, rtt-p99 70.0 us (needs ≤ 50 us)");
        assertThat(verdicts.get(Workload.STARTUP).status()).isEqualTo(Target.Status.NOT_MEASURED);
    }

    @Test
    void targetsStateTheProjectsThresholds() {
        Map<Workload, String> texts = new LinkedHashMap<>();
        for (Target target : Target.goals()) {
            texts.put(target.workload(), target.text());
        }
        assertThat(texts).containsEntry(Workload.QUEUE_1TO1, "≥ 5× billiard msgs/s and ≥ 0.5× the raw exact-read pipe")
                .containsEntry(Workload.QUEUE_4TO4, "≥ 3× billiard and ≥ 0.8× jbilliard's own 1 → 1")
                .containsEntry(Workload.SIMPLE_1TO1, "≥ 3× billiard")
                .containsEntry(Workload.JOINABLE_1TO1, "≥ 0.9× jbilliard's Queue 1 → 1")
                .containsEntry(Workload.BYTES_64K, "≥ 2× billiard and ≥ 0.6× the raw pipe")
                .containsEntry(Workload.STARTUP, "p50 ≤ 100 ms")
                .containsEntry(Workload.STARTUP_WARM, "p50 ≤ 15 ms (billiard's forkserver: 14 ms)");
        // the bounds the texts state are the ones judged
        ResultSet edge = new ResultSet();
        for (String impl : List.of("jbilliard", "billiard")) {
            edge.add(Workload.QUEUE_4TO4.id(), impl, Metric.THROUGHPUT, impl.equals("jbilliard") ? 300 : 100);
        }
        edge.add(Workload.QUEUE_1TO1.id(), "jbilliard", Metric.THROUGHPUT, 375);
        edge.add(Workload.STARTUP.id(), "jbilliard", Metric.START_P50, 104);
        for (Target target : Target.goals()) {
            if (target.workload() == Workload.QUEUE_4TO4) {
                assertThat(target.judge(edge).status()).as("3.00× billiard, 0.80× own").isEqualTo(Target.Status.MET);
            }
            if (target.workload() == Workload.STARTUP) {
                assertThat(target.judge(edge).measured()).isEqualTo("start-p50 104 ms (needs ≤ 100 ms)");
            }
        }
    }

    @Test
    void jsonHoldsEnvironmentResultsRatiosTargetsAndFailures() {
        String json = JsonReport.render(report());
        assertThat(json).contains("\"environment\": {", "\"cpu\": \"test cpu\"", "\"results\": [", "\"ratios\": [",
                "\"targets\": [", "\"failures\": [");
        assertThat(json.replaceAll("\\s+", "")).contains("{\"workload\":\"queue-1to1-int\",\"impl\":\"billiard\","
                + "\"metric\":\"throughput\",\"unit\":\"msgs/s\",\"median\":150000,\"min\":100000,\"max\":160000,"
                + "\"repetitions\":3}");
        assertThat(json).contains("\"status\": \"not-measured\"", "\"message\": \"jbilliard: PipeQueues not implemented yet (x)\"");
    }

    @Test
    void markdownShowsFiguresRatiosTargetsJmhAndFailures() {
        String md = MarkdownReport.render(report());
        assertThat(md).contains("| cpu | test cpu |");
        assertThat(md).contains("| Queue, 1 producer → 1 consumer, small ints | throughput (msgs/s) | **1,000,000**<br>(900,000 – 1,100,000)"
                + " | **150,000**<br>(100,000 – 160,000) | **2,500,000**<br>(2,400,000 – 2,600,000) | — | 6.67× | 0.40× | — |");
        assertThat(md).contains("| JoinableQueue, 1 → 1, put/get/taskDone | ≥ 0.9× jbilliard's Queue 1 → 1"
                + " | 0.95× jbilliard queue-1to1-int | met |");
        assertThat(md).contains("| **missed** |", "| not measured |");
        assertThat(md).contains("| jmh:CodecBenchmark.encode[Integer] | 12.5 | 12.5 – 12.5 |");
        assertThat(md).contains("- `process-start`: jbilliard: PipeQueues not implemented yet (x)");
        assertThat(md).contains("![jbilliard vs billiard vs raw pipe](chart.svg)");
    }

    @Test
    void chartIsWellFormedSvgWithOnePanelPerWorkloadAndMetric() throws Exception {
        String svg = SvgChart.render(report());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("queue-1to1-int — throughput (msgs/s, higher is better): jbilliard = 6.67× billiard,"
                + " 0.40× raw-pipe",
                "pingpong-simplequeue — rtt-p99 (us, lower is better)", "not measured");
        assertThat(svg).doesNotContain("jmh:");
        // a panel's scale is its largest max (raw pipe: 2.6 M spans the 520-pixel bar area), so
        // jbilliard's median of 1.0 M is 200 pixels long
        assertThat(svg).contains("<rect x=\"90\" y=\"62\" width=\"200.0\" height=\"14\" fill=\"#1f77b4\"/>");
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(1 + 3 + 2 + 2);
    }

    @Test
    void chartOfAnEmptyRunSaysSo() {
        String svg = SvgChart.render(Report.of(Map.of(), List.of(), new ResultSet()));
        assertThat(svg).contains("no cross-process figures were measured");
    }

    @Test
    void numbersAreRoundedToThreeSignificantDigits() {
        assertThat(Format.number(1_234_567)).isEqualTo("1,230,000");
        assertThat(Format.number(12.345)).isEqualTo("12.3");
        assertThat(Format.number(0.012345)).isEqualTo("0.0123");
        assertThat(Format.number(0)).isEqualTo("0");
        assertThat(Format.ratio(5.126)).isEqualTo("5.13×");
        assertThat(results.find("queue-1to1-int", "raw-pipe", Metric.THROUGHPUT).orElseThrow().median())
                .isCloseTo(2_500_000, within(1e-9));
    }

    private Report report() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("cpu", "test cpu");
        return Report.of(env, List.of("a note"), results);
    }
}
