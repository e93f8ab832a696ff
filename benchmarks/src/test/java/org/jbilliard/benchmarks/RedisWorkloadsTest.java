package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Redis workloads' wiring into the harness: selection, who runs them, and their ratios, targets
 * and report rows computed from a hand-made run.
 */
class RedisWorkloadsTest {

    private static final EnumSet<Workload> REDIS =
            EnumSet.of(Workload.REDIS_1TO1, Workload.REDIS_4TO4, Workload.REDIS_BYTES_64K);

    @Test
    void onlyRedisSelectsTheThreeRedisWorkloadsAndEachCanBeSelectedAlone() {
        BenchConfig config = BenchConfig.parse(new String[] {"--only=redis"}, Map.of());
        assertThat(config.workloads()).containsExactlyInAnyOrderElementsOf(REDIS);
        assertThat(config.jmh()).isFalse();
        assertThat(BenchConfig.parse(new String[] {"--only=redis-bytes64k-1to1,queue-1to1-int"}, Map.of()).workloads())
                .containsExactlyInAnyOrder(Workload.REDIS_BYTES_64K, Workload.QUEUE_1TO1);
        assertThat(BenchConfig.parse(new String[0], Map.of()).workloads()).containsAll(REDIS);
        assertThat(Workload.redisWorkloads()).isEqualTo(REDIS);
    }

    @Test
    void redisWorkloadsAreRunByTheRedisContextAndRedisPyOnly() {
        for (Workload workload : Workload.values()) {
            boolean redis = REDIS.contains(workload);
            assertThat(workload.redis()).as(workload.id()).isEqualTo(redis);
            assertThat(workload.subject()).as(workload.id()).isEqualTo(redis ? Impl.JBILLIARD_REDIS : Impl.JBILLIARD);
            assertThat(workload.covers(Impl.JBILLIARD_REDIS)).as(workload.id()).isEqualTo(redis);
            assertThat(workload.covers(Impl.REDIS_PY)).as(workload.id()).isEqualTo(redis);
            assertThat(workload.covers(Impl.JBILLIARD)).as(workload.id()).isEqualTo(!redis);
        }
        assertThat(Workload.REDIS_BYTES_64K.itemBytes()).isEqualTo(65536);
        assertThat(Workload.REDIS_4TO4.ownBaseline()).contains(Workload.REDIS_1TO1);
        assertThat(Workload.REDIS_1TO1.count(true)).isLessThan(Workload.REDIS_1TO1.count(false));
    }

    /** 1 → 1 at 0.67× redis-py (missed), 4 → 4 at 2.33× its 1 → 1 (met), 64 KiB at 0.67× (met). */
    private static ResultSet aRun() {
        ResultSet results = new ResultSet();
        String one = Workload.REDIS_1TO1.id();
        for (double v : new double[] {3_000, 2_800, 3_300}) {
            results.add(one, "jbilliard-redis", Metric.THROUGHPUT, v);
        }
        for (double v : new double[] {4_500, 4_000, 5_000}) {
            results.add(one, "redis-py", Metric.THROUGHPUT, v);
        }
        results.add(Workload.REDIS_4TO4.id(), "jbilliard-redis", Metric.THROUGHPUT, 7_000);
        results.add(Workload.REDIS_4TO4.id(), "redis-py", Metric.THROUGHPUT, 14_000);
        results.add(Workload.REDIS_BYTES_64K.id(), "jbilliard-redis", Metric.BANDWIDTH, 200);
        results.add(Workload.REDIS_BYTES_64K.id(), "redis-py", Metric.BANDWIDTH, 300);
        // the reference implementation's own 1 → 1, which the Redis 4 → 4 must not be compared with
        results.add(Workload.QUEUE_1TO1.id(), "jbilliard", Metric.THROUGHPUT, 700_000);
        return results;
    }

    @Test
    void ratiosCompareTheRedisContextWithRedisPyAndItsOwnOneToOne() {
        List<Ratio> ratios = aRun().ratios();
        assertThat(ratios).contains(
                new Ratio("redis-queue-1to1-int", Metric.THROUGHPUT, "redis-py", 3_000 / 4_500.0),
                new Ratio("redis-queue-4to4-int", Metric.THROUGHPUT, "redis-py", 0.5),
                new Ratio("redis-queue-4to4-int", Metric.THROUGHPUT, "jbilliard-redis redis-queue-1to1-int",
                        7_000 / 3_000.0),
                new Ratio("redis-bytes64k-1to1", Metric.BANDWIDTH, "redis-py", 200 / 300.0));
        assertThat(ratios).noneMatch(r -> r.workload().startsWith("redis-") && r.vs().contains("queue-1to1-int")
                && !r.vs().equals("jbilliard-redis redis-queue-1to1-int"));
        assertThat(ratios).filteredOn(r -> r.workload().startsWith("redis-")).hasSize(4);
    }

    @Test
    void theThreeRedisTargetsAreJudgedWithTheirRatios() {
        ResultSet results = aRun();
        Map<Workload, Target.Verdict> verdicts = new LinkedHashMap<>();
        for (Target target : Target.goals()) {
            verdicts.put(target.workload(), target.judge(results));
        }
        assertThat(verdicts.get(Workload.REDIS_1TO1).status()).isEqualTo(Target.Status.MISSED);
        assertThat(verdicts.get(Workload.REDIS_1TO1).measured()).isEqualTo("0.67× redis-py (needs ≥ 1×)");
        assertThat(verdicts.get(Workload.REDIS_4TO4).status()).isEqualTo(Target.Status.MET);
        assertThat(verdicts.get(Workload.REDIS_4TO4).measured())
                .isEqualTo("2.33× jbilliard-redis redis-queue-1to1-int");
        assertThat(verdicts.get(Workload.REDIS_BYTES_64K).status()).isEqualTo(Target.Status.MET);
        assertThat(verdicts.get(Workload.REDIS_BYTES_64K).measured()).isEqualTo("0.67× redis-py");

        ResultSet half = new ResultSet();
        half.add(Workload.REDIS_4TO4.id(), "jbilliard-redis", Metric.THROUGHPUT, 7_000);
        assertThat(Target.goals().stream().filter(t -> t.workload() == Workload.REDIS_4TO4).findFirst().orElseThrow()
                .judge(half).status()).isEqualTo(Target.Status.NOT_MEASURED);
    }

    @Test
    void reportsShowTheRedisFiguresInTheirOwnTableAndPanels() throws Exception {
        Report report = Report.of(new LinkedHashMap<>(), List.of(), aRun());
        String md = MarkdownReport.render(report);
        assertThat(md).contains("| Redis: Queue, 1 → 1, small ints | ≥ 1× redis-py LPUSH/BRPOP items/s, same server"
                + " | 0.67× redis-py (needs ≥ 1×) | **missed** |");
        assertThat(md).contains("## Redis contender", "| workload | metric | jbilliard-redis | redis-py"
                + " | jbilliard-redis / redis-py |");
        assertThat(md).contains("| Redis: Queue, 1 → 1, small ints | throughput (msgs/s) | **3,000**<br>(2,800 – 3,300)"
                + " | **4,500**<br>(4,000 – 5,000) | 0.67× |");
        // the reference implementation's table has no Redis rows
        String local = md.substring(md.indexOf("## Cross-process figures"), md.indexOf("## Redis contender"));
        assertThat(local).contains("Queue, 1 producer → 1 consumer").doesNotContain("Redis:");

        String svg = SvgChart.render(report);
        assertThat(svg).contains("redis-queue-1to1-int — throughput (msgs/s, higher is better): jbilliard-redis ="
                + " 0.67× redis-py");
        String panel = svg.substring(svg.indexOf("redis-bytes64k-1to1 — bandwidth"));
        panel = panel.substring(0, panel.indexOf("font-weight=\"bold\""));
        // two bars, the implementations that run the workload; no "not measured" rows for the others
        assertThat(panel).contains(">jbilliard-redis</text>", ">redis-py</text>", "fill=\"#d62728\"")
                .doesNotContain(">billiard<", "not measured");

        String json = JsonReport.render(report);
        assertThat(json.replaceAll("\\s+", "")).contains("{\"workload\":\"redis-queue-4to4-int\",\"target\":"
                + "\"≥2×jbilliard-redis'sown1→1\",\"status\":\"met\"");
        assertThat(report.ratios().stream().filter(r -> r.workload().equals("redis-bytes64k-1to1"))
                .findFirst().orElseThrow().ratio()).isCloseTo(2 / 3.0, within(1e-9));
    }
}
