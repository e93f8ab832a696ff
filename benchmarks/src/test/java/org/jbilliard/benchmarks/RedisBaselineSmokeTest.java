package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * redis_py_bench.py and jbilliard's Redis contender end to end against the run's redis-server with
 * quick counts, and the server's start, figures and stop. Skipped where {@code redis-server} or redis-py is missing.
 */
@Timeout(120)
class RedisBaselineSmokeTest {

    @TempDir
    Path out;

    @Test
    void bothRedisContendersMoveItemsOnTheRunsServerWhichStopsWithItsDirectory() throws Exception {
        String python = System.getenv().getOrDefault("JBILLIARD_PYTHON", BenchConfig.DEFAULT_PYTHON);
        assumeTrue(available("redis-server", "--version"), "no redis-server");
        assumeTrue(available(python, "-c", "import redis"), "no redis-py for " + python);
        BenchConfig config = new BenchConfig(true, out, python, true, EnumSet.allOf(Workload.class), false, List.of());
        RedisServer server = new RedisServer(config);
        try (server) {
            assertThat(server.started()).isFalse();
            RedisPyBaseline redisPy = new RedisPyBaseline(config, server);
            assertThat(redisPy.version()).startsWith("redis-py ").contains("Python ");
            assertThat(redisPy.runOnce(Workload.REDIS_1TO1)).containsOnlyKeys(Metric.THROUGHPUT)
                    .allSatisfy((metric, value) -> assertThat(value).isPositive());
            Map<Metric, Double> bytes = redisPy.runOnce(Workload.REDIS_BYTES_64K);
            assertThat(bytes.get(Metric.BANDWIDTH)).isEqualTo(bytes.get(Metric.THROUGHPUT) * 65536 / 1e6);
            assertThat(server.started()).isTrue();
            assertThat(server.version()).startsWith("redis-server ");
            assertThat(server.commandStats()).contains("lpush ", "brpop ");

            // jbilliard's side on the same server: child JVMs of the Redis context
            JbilliardContender redis = new JbilliardContender(config, Impl.JBILLIARD_REDIS, () -> {
                try {
                    return new RedisContext(RedisConfig.builder().uri(server.uri()).build());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(redis.impl()).isEqualTo(Impl.JBILLIARD_REDIS);
            assertThat(redis.runOnce(Workload.REDIS_1TO1)).containsOnlyKeys(Metric.THROUGHPUT)
                    .allSatisfy((metric, value) -> assertThat(value).isPositive());
            assertThat(server.commandStats()).contains("evalsha ");
        }
        try (var dirs = Files.list(out.resolve("redis"))) {
            assertThat(dirs).isEmpty();
        }
        assertThat(out.resolve("logs/redis-server.log")).exists();
    }

    private static boolean available(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
