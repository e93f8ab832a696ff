package org.jbilliard.redis.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance run (TCK and billiard parity scenarios, {@code org.jbilliard.parity.ConformanceMain})
 * against the Redis context, on a {@link RedisServer} started for the run and stopped by its PID
 * afterwards. {@code ./mvnw -B -Pconformance verify} runs it after the reference implementation's
 * run; its report is a section of its own, {@code target/conformance/redis/}.
 *
 * <p>Arguments are passed on to {@code ConformanceMain}; the exit status is its exit status.
 *
 * <p><b>Thread-safety.</b> Runs on the main thread only.
 */
public final class ConformanceOnRedis {

    private ConformanceOnRedis() {
    }

    /**
     * Runs the conformance run against a fresh server.
     *
     * @param args arguments for {@code ConformanceMain} ({@code --tck-jar=…}, {@code --report-dir=…})
     * @throws Exception if the server or the run cannot be started
     */
    public static void main(String[] args) throws Exception {
        int status;
        try (RedisServer server = RedisServer.start(false)) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"),
                    "org.jbilliard.parity.ConformanceMain", "--context=org.jbilliard.redis.RedisContext"));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            // RedisContext's no-argument constructor (the one ConformanceMain and the TCK use) reads it.
            builder.environment().put("JBILLIARD_REDIS_URL", server.uri());
            System.out.println("conformance run on the Redis context: " + server);
            status = builder.start().waitFor();
        }
        System.exit(status);
    }
}
