package org.jbilliard.polyglot;

import java.time.Duration;
import org.jbilliard.Queue;
import org.jbilliard.redis.RedisConfig;
import org.jbilliard.redis.RedisContext;

/**
 * A Java consumer in a JVM of its own, for the crash test: attaches by address, prints
 * {@code waiting}, then blocks in one long {@code get} (a 10 s BLMOVE slice, so that the server
 * keeps it blocked while the test stops the process) and prints what it got. A failure prints its
 * stack trace on stderr and exits with status 1.
 */
public final class JavaConsumerMain {

    private JavaConsumerMain() {
    }

    /**
     * Runs the consumer.
     *
     * @param args the server URI and the queue address
     */
    public static void main(String[] args) {
        try {
            RedisConfig config = RedisConfig.builder().uri(args[0]).blockSlice(Duration.ofSeconds(10)).build();
            Queue<Object> q = new RedisContext(config).attachQueue(args[1]);
            System.out.println("waiting");
            System.out.flush();
            System.out.println("got " + q.get(Duration.ofSeconds(60)));
            q.close();
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(1);
        }
    }
}
