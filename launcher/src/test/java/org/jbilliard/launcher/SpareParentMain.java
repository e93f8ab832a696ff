package org.jbilliard.launcher;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jbilliard.ProcessOptions;

/**
 * A parent JVM for {@link WarmSparesTest}: starts a pool of warm spares, prints
 * {@code spares <pid> <pid> ...} once they are ready, then waits for a line on standard input and
 * returns from {@code main} (a normal exit), or is killed by the test before that.
 */
public final class SpareParentMain {

    private SpareParentMain() {
    }

    /**
     * Runs the parent.
     *
     * @param args the number of spares
     * @throws Exception if the pool does not get ready within a minute
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        WarmSpares pool = WarmSpares.start(count, ProcessOptions.defaults().withoutStartupCache()
                .withCapturedOutput(true), StartupCache.NO_SUPPORT);
        if (!pool.awaitReady(Duration.ofMinutes(1))) {
            throw new IllegalStateException("spares not ready: " + pool);
        }
        StringBuilder line = new StringBuilder("spares");
        for (long pid : pool.pids()) {
            line.append(' ').append(pid);
        }
        System.out.println(line);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        // Returning from main without closing the pool: the launcher's exit hook must end the spares.
    }
}
