package org.jbilliard.reference.chaos;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code chaos/billiard_chaos.py} — the same kill experiment against billiard — and returns its
 * JSON line, or a JSON object saying why it could not run. Bounded: the script and every process it
 * started are killed if it overruns.
 */
final class BilliardChaos {

    private BilliardChaos() {
    }

    static String run(long seed, int runs, double boundSeconds) throws InterruptedException {
        String python = System.getenv().getOrDefault("JBILLIARD_PYTHON", "/usr/bin/python3");
        Path script;
        try {
            script = Path.of(BilliardChaos.class.getResource("/chaos/billiard_chaos.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(python, script.toString(), Long.toString(seed), Integer.toString(runs),
                    Double.toString(boundSeconds)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return "{\"error\": " + ChaosReport.quote("cannot run " + python + ": " + e.getMessage()) + "}";
        }
        try {
            long limit = (long) (runs * (boundSeconds + 8) + 20);
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                return "{\"error\": \"billiard chaos script overran " + limit + " s\"}";
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || !out.startsWith("{")) {
                return "{\"error\": " + ChaosReport.quote("billiard chaos script exited " + process.exitValue()
                        + " (is billiard installed? apt-get install python3-billiard): " + out) + "}";
            }
            return out;
        } catch (IOException e) {
            return "{\"error\": " + ChaosReport.quote(e.toString()) + "}";
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
