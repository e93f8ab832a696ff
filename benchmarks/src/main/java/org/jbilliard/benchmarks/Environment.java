package org.jbilliard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Describes the machine and software a run measured: CPU, cores, kernel, JDK, billiard, date,
 * command, and the load average (the machine may be shared).
 *
 * <p>Stateless; thread-safe.
 */
public final class Environment {

    private Environment() {
    }

    /**
     * Collects the environment.
     *
     * @param billiard the billiard version line, or why it is unknown
     * @param command  the command that started the run
     * @return the fields in display order
     */
    public static Map<String, String> collect(String billiard, String command) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("cpu", cpuModel());
        env.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        env.put("kernel", System.getProperty("os.name") + " " + read("/proc/sys/kernel/osrelease"));
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        env.put("billiard", billiard);
        env.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        env.put("command", command);
        env.put("load average at start", loadAverage());
        return env;
    }

    /**
     * Returns the 1-, 5- and 15-minute load averages.
     *
     * @return e.g. {@code "0.52 0.40 0.31"}
     */
    public static String loadAverage() {
        String[] fields = read("/proc/loadavg").split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
