package org.jbilliard.redis.multi;

import java.time.Duration;
import org.jbilliard.Queue;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;

/**
 * One participant of {@link SeveralMachinesTest}, run as its own JVM in a network namespace:
 * {@code produce <address> <producer> <count>} puts {@code "<producer>:<i>"} for i = 0..count-1;
 * {@code consume <address>} gets items until a {@code null} sentinel and prints each on a line of
 * its own. Exit status 0 on success; failures print their stack trace.
 *
 * <p><b>Thread-safety.</b> Runs on the main thread only.
 */
public final class NodeMain {

    private NodeMain() {
    }

    /**
     * Runs one role.
     *
     * @param args role and its arguments
     * @throws Exception on any failure (the JVM then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        String address = args[1];
        RedisContext ctx = new RedisContext(RedisConfig.builder().uri(address.substring(0, address.indexOf('#')))
                .build());
        try (Queue<String> q = ctx.attachQueue(address)) {
            if (args[0].equals("produce")) {
                int count = Integer.parseInt(args[3]);
                for (int i = 0; i < count; i++) {
                    q.put(args[2] + ":" + i, Duration.ofSeconds(60));
                }
            } else {
                StringBuilder out = new StringBuilder();
                for (String item; (item = q.get(Duration.ofSeconds(60))) != null; ) {
                    out.append(item).append('\n');
                }
                System.out.print(out);
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
