package org.jbilliard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Addresses and credentials, on a real password-protected {@code redis-server}: credentials come
 * from the configuration or the environment, never appear in an address, a {@code toString()} or an
 * error message, and reach a child process without its command line.
 */
class CredentialsTest {

    private static final String SECRET = "s3cr3t-" + QueueAddress.randomHex(4);
    private static RedisServer server;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RedisServer.installed(), "not verified: redis-server is not installed");
        server = RedisServer.start(false, List.of("--requirepass", SECRET));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RedisConfig withPassword() {
        return RedisConfig.builder().uri(server.uri()).credentials(null, SECRET).build();
    }

    @Test
    void aQueueOnAPasswordProtectedServerHasAnAddressWithoutTheCredentials() throws Exception {
        RedisContext ctx = new RedisContext(withPassword());
        try (Queue<String> q = ctx.queue(2)) {
            q.put("x");
            assertThat(q.address()).startsWith(server.uri() + "#jbq=").doesNotContain(SECRET).doesNotContain("@");
            assertThat(q.toString()).doesNotContain(SECRET);
            assertThat(ctx.toString()).doesNotContain(SECRET);
            assertThat(ctx.config().toString()).doesNotContain(SECRET).contains("password set");
            assertThat(q.get(Duration.ofSeconds(5))).isEqualTo("x");
        }
    }

    @Test
    void withoutCredentialsTheServerRefusesAndTheMessageNamesNoSecret() {
        RedisContext ctx = new RedisContext(RedisConfig.builder().uri(server.uri())
                .operationTimeout(Duration.ofSeconds(1)).build());
        assertThatThrownBy(() -> ctx.queue(1)).satisfies(e -> assertThat(String.valueOf(e.getMessage()))
                .doesNotContain(SECRET));
    }

    @Test
    void credentialsComeFromTheEnvironmentAndNeverFromTheUri() {
        RedisConfig c = RedisConfig.fromEnvironment(Map.of(RedisConfig.URL_ENV, server.uri(),
                RedisConfig.PASSWORD_ENV, SECRET));
        assertThat(c.hasPassword()).isTrue();
        assertThat(c.uri()).isEqualTo(server.uri());
        assertThatThrownBy(() -> RedisConfig.builder().uri("redis://user:" + SECRET + "@127.0.0.1:6379/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials do not belong")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> QueueAddress.parse("redis://:" + SECRET + "@127.0.0.1:6379/0#jbq=abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void aChildProcessGetsTheCredentialsWithoutItsCommandLine() throws Exception {
        RedisContext ctx = new RedisContext(withPassword());
        try (Queue<String> q = ctx.queue(0); Queue<String> started = ctx.queue(0)) {
            TaskProcess child = ctx.process(() -> {
                started.put(String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
                q.put("from the child");
            });
            try (child) {
                child.start();
                String commandLine = started.get(Duration.ofSeconds(60));
                assertThat(commandLine).as("the child's command line").isNotEmpty().doesNotContain(SECRET);
                assertThat(q.get(Duration.ofSeconds(60))).isEqualTo("from the child");
                assertThat(child.join(Duration.ofSeconds(60))).isTrue();
                assertThat(child.exitCode()).hasValue(0);
            }
        }
    }

    @Test
    void contextLoadFindsTheRedisContext() {
        Context ctx = Context.load("redis");
        assertThat(ctx).isInstanceOf(RedisContext.class);
        assertThat(ctx.name()).isEqualTo("redis");
        assertThat(ctx.maxItemBytes()).isEqualTo(64 << 20);
    }

    @Test
    void malformedAddressesAreRefusedWithTheReason() {
        RedisContext ctx = new RedisContext(withPassword());
        assertThatThrownBy(() -> ctx.attachQueue("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ctx.attachQueue("redis://127.0.0.1:1/0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#jbq=");
        assertThatThrownBy(() -> ctx.attachQueue("http://x#jbq=a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis://");
        assertThatThrownBy(() -> ctx.attachQueue(server.uri() + "#jbq=a{b}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad queue id");
        assertThatThrownBy(() -> ctx.attachQueue(server.uri() + "#jbq=doesnotexist"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no queue at");
    }
}
