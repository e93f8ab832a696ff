package org.jbilliard.redis.multi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jbilliard.Queue;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;
import org.jbilliard.redis.testing.RedisServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several machines, simulated with network namespaces (root only, as in CI; skipped with the
 * reason elsewhere): the server runs alone in one namespace; producers and consumers run as JVMs in
 * the test's namespace and in a second client namespace, each connected to the server's by a veth
 * pair. Every item must arrive exactly once, in per-producer order for each consumer.
 *
 * <pre>
 *   [ root ns: test JVM, 1 producer, 2 consumers ]--veth 10.231.1.2 / .1--[ server ns: redis-server ]
 *   [ client ns: 2 producers, 1 consumer         ]--veth 10.231.2.2 / .1--[ (reaches 10.231.1.1)    ]
 * </pre>
 */
class SeveralMachinesTest {

    private static final String SERVER_IP = "10.231.1.1";
    private static final int PORT = 6379;
    private static final int PER_PRODUCER = 300;

    private final String tag = Long.toHexString(System.nanoTime() & 0xffffL);
    private final String serverNs = "jbq-srv-" + tag;
    private final String clientNs = "jbq-cli-" + tag;
    private final List<Process> processes = new ArrayList<>();
    private Path dir;

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    @BeforeEach
    void network() throws Exception {
        Assumptions.assumeTrue(root(), "not verified: network namespaces need root (CI runs as root)");
        Assumptions.assumeTrue(RedisServer.installed(), "not verified: redis-server is not installed");
        try {
            run("ip", "netns", "add", serverNs);
        } catch (IOException e) {
            Assumptions.abort("not verified: cannot create a network namespace here: " + e.getMessage());
        }
        run("ip", "netns", "add", clientNs);
        // root <-> server
        run("ip", "link", "add", "vr-" + tag, "type", "veth", "peer", "name", "vs-" + tag);
        run("ip", "link", "set", "vs-" + tag, "netns", serverNs);
        run("ip", "addr", "add", "10.231.1.2/24", "dev", "vr-" + tag);
        run("ip", "link", "set", "vr-" + tag, "up");
        run("ip", "netns", "exec", serverNs, "ip", "addr", "add", SERVER_IP + "/24", "dev", "vs-" + tag);
        run("ip", "netns", "exec", serverNs, "ip", "link", "set", "vs-" + tag, "up");
        run("ip", "netns", "exec", serverNs, "ip", "link", "set", "lo", "up");
        // client <-> server; the client reaches the server's first address through it
        run("ip", "link", "add", "vc-" + tag, "type", "veth", "peer", "name", "vt-" + tag);
        run("ip", "link", "set", "vc-" + tag, "netns", clientNs);
        run("ip", "link", "set", "vt-" + tag, "netns", serverNs);
        run("ip", "netns", "exec", serverNs, "ip", "addr", "add", "10.231.2.1/24", "dev", "vt-" + tag);
        run("ip", "netns", "exec", serverNs, "ip", "link", "set", "vt-" + tag, "up");
        run("ip", "netns", "exec", clientNs, "ip", "addr", "add", "10.231.2.2/24", "dev", "vc-" + tag);
        run("ip", "netns", "exec", clientNs, "ip", "link", "set", "vc-" + tag, "up");
        run("ip", "netns", "exec", clientNs, "ip", "link", "set", "lo", "up");
        run("ip", "netns", "exec", clientNs, "ip", "route", "add", "10.231.1.0/24", "via", "10.231.2.1");
        dir = Files.createTempDirectory("jbilliard-multi-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        // Deleting a namespace removes its veth ends, and with them their peers in the root namespace.
        for (String ns : List.of(serverNs, clientNs)) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                // not created (skipped before), nothing to remove
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (root()) {
            // The kernel removes the root-side veth ends shortly after their namespaces.
            Awaitility.await("no veth of this test is left").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !run("ip", "-o", "link", "show").contains("-" + tag + "@"));
        }
    }

    private Process start(String ns, List<String> command, String outName) throws IOException {
        List<String> full = new ArrayList<>();
        if (ns != null) {
            full.addAll(List.of("ip", "netns", "exec", ns));
        }
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(dir.resolve(outName).toFile()).start();
        processes.add(p);
        return p;
    }

    private List<String> node(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName()));
        c.addAll(List.of(args));
        return c;
    }

    private static boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(SERVER_IP, PORT), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void producersAndConsumersOnThreeNetworkHostsGetEveryItemExactlyOnceInProducerOrder() throws Exception {
        start(serverNs, List.of(RedisServer.BINARY, "--bind", "0.0.0.0", "--port", Integer.toString(PORT),
                "--protected-mode", "no", "--save", "", "--appendonly", "no", "--hz", "100", "--dir", dir.toString()),
                "server.log");
        Awaitility.await("redis-server answers in its namespace").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(SeveralMachinesTest::answers);
        RedisContext ctx = new RedisContext(RedisConfig.builder().uri("redis://" + SERVER_IP + ":" + PORT + "/0").build());
        try (Queue<String> q = ctx.queue(50)) {
            String address = q.address();
            List<Process> consumers = List.of(
                    start(null, node("consume", address), "consumer-root-1"),
                    start(null, node("consume", address), "consumer-root-2"),
                    start(clientNs, node("consume", address), "consumer-client-1"));
            List<Process> producers = List.of(
                    start(null, node("produce", address, "root", Integer.toString(PER_PRODUCER)), "p1"),
                    start(clientNs, node("produce", address, "clientA", Integer.toString(PER_PRODUCER)), "p2"),
                    start(clientNs, node("produce", address, "clientB", Integer.toString(PER_PRODUCER)), "p3"));
            for (Process p : producers) {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("a producer finished").isTrue();
                assertThat(p.exitValue()).as("producer exit status").isZero();
            }
            for (int i = 0; i < consumers.size(); i++) {
                q.put(null, Duration.ofSeconds(60));
            }
            Map<String, Integer> seen = new HashMap<>();
            Set<String> all = new HashSet<>();
            int total = 0;
            for (String name : List.of("consumer-root-1", "consumer-root-2", "consumer-client-1")) {
                Process c = consumers.get(List.of("consumer-root-1", "consumer-root-2", "consumer-client-1").indexOf(name));
                assertThat(c.waitFor(120, TimeUnit.SECONDS)).as("%s finished", name).isTrue();
                assertThat(c.exitValue()).as("%s exit status", name).isZero();
                Map<String, Integer> last = new HashMap<>();
                for (String line : Files.readAllLines(dir.resolve(name))) {
                    String producer = line.substring(0, line.indexOf(':'));
                    int seq = Integer.parseInt(line.substring(line.indexOf(':') + 1));
                    assertThat(seq).as("%s: %s's items in order", name, producer)
                            .isGreaterThan(last.getOrDefault(producer, -1));
                    last.put(producer, seq);
                    assertThat(all.add(line)).as("%s delivered once", line).isTrue();
                    seen.merge(producer, 1, Integer::sum);
                    total++;
                }
            }
            assertThat(total).as("every item delivered").isEqualTo(3 * PER_PRODUCER);
            assertThat(seen).containsEntry("root", PER_PRODUCER).containsEntry("clientA", PER_PRODUCER)
                    .containsEntry("clientB", PER_PRODUCER);
        }
    }
}
