package org.jbilliard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jbilliard.Queue;
import org.jbilliard.TaskProcess;
import org.jbilliard.redis.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS end to end: a throw-away certificate authority and server certificate made with
 * {@code openssl} in a temporary directory (deleted afterwards), a real {@code redis-server} that
 * listens with {@code --tls-port} only (and asks for a password), and contexts that reach it by
 * {@code rediss://} trusting that authority with {@link RedisConfig.Builder#trustedCertificates}.
 * Skipped, with the reason, where {@code openssl} or a TLS-enabled {@code redis-server} is missing.
 */
class TlsTest {

    private static final String SECRET = "tls-test-secret-5f1e";

    private static Path dir;
    private static Process server;
    private static int port;

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A certificate authority {@code name}.key/.crt. */
    private static void authority(String name) throws IOException, InterruptedException {
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                "/CN=jbilliard test " + name, "-keyout", name + ".key", "-out", name + ".crt"));
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(RedisServer.installed(), "not verified: redis-server is not installed");
        Assumptions.assumeTrue(runs("openssl", "version"), "not verified: openssl is not installed");
        dir = Files.createTempDirectory("jbilliard-tls-test-");
        authority("ca");
        authority("other-ca");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", "server.key", "-out", "server.csr"));
        run(List.of("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "1", "-extfile", "san.ext", "-out", "server.crt"));
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(RedisServer.BINARY, "--port", "0", "--tls-port",
                Integer.toString(port), "--bind", "127.0.0.1", "--tls-cert-file", "server.crt", "--tls-key-file",
                "server.key", "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no", "--save", "",
                "--appendonly", "no", "--hz", "100", "--daemonize", "no", "--dir", dir.toString(),
                "--protected-mode", "no", "--requirepass", SECRET));
        server = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            if (!server.isAlive()) {
                String log = Files.readString(dir.resolve("server.log"));
                Assumptions.assumeFalse(log.contains("not compiled") || log.contains("TLS support"),
                        "not verified: this redis-server has no TLS support: " + log);
                throw new IOException("redis-server with TLS exited: " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("redis-server does not listen on its TLS port " + port, e);
                }
                server.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static RedisConfig.Builder tls() {
        return RedisConfig.builder().uri("rediss://127.0.0.1:" + port + "/0").credentials(null, SECRET);
    }

    @Test
    void aContextTrustingTheServersAuthorityWorksAcrossAChildJvmWithNoSecretOnItsCommandLine() throws Exception {
        RedisContext ctx = new RedisContext(tls().trustedCertificates(dir.resolve("ca.crt")).build());
        try (Queue<String> q = ctx.queue(2); Queue<String> started = ctx.queue(0)) {
            assertThat(q.address()).startsWith("rediss://127.0.0.1:" + port + "/0#jbq=").doesNotContain(SECRET);
            q.put("over TLS");
            assertThat(q.get(Duration.ofSeconds(10))).isEqualTo("over TLS");
            TaskProcess child = ctx.process(() -> {
                started.put(String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])));
                q.put("from the child, over TLS");
            });
            try (child) {
                child.start();
                String commandLine = started.get(Duration.ofSeconds(60));
                assertThat(commandLine).as("the child's command line").isNotEmpty().doesNotContain(SECRET);
                assertThat(q.get(Duration.ofSeconds(60))).isEqualTo("from the child, over TLS");
                assertThat(child.join(Duration.ofSeconds(60))).isTrue();
                assertThat(child.exitCode()).hasValue(0);
            }
        }
    }

    @Test
    void aServerCertificateOfAnUntrustedAuthorityIsRefusedAtOnceWithTheReason() {
        RedisContext ctx = new RedisContext(tls().trustedCertificates(dir.resolve("other-ca.crt"))
                .operationTimeout(Duration.ofSeconds(20)).build());
        long start = System.nanoTime();
        assertThatThrownBy(() -> ctx.queue(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TLS handshake with rediss://127.0.0.1:" + port)
                .hasMessageContaining(dir.resolve("other-ca.crt").toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused without waiting for the operation"
                + " timeout").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aPlainConnectionToTheTlsPortIsNotTakenForTls() {
        RedisContext ctx = new RedisContext(RedisConfig.builder().uri("redis://127.0.0.1:" + port + "/0")
                .credentials(null, SECRET).operationTimeout(Duration.ofSeconds(1)).build());
        assertThatThrownBy(() -> ctx.queue(1)).isInstanceOf(ServerUnavailableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void aTrustFileWithoutCertificatesIsRefusedWhenConfigured() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> RedisConfig.builder().trustedCertificates(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no certificate");
        assertThatThrownBy(() -> RedisConfig.builder().trustedCertificates(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }
}
