package org.jbilliard.reference.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jbilliard.Queue;

/**
 * Main class of the child JVMs of {@link SharedAttachmentTest}. Output on stdout, one line per step;
 * an uncaught exception exits with status 1 and its stack trace on stderr.
 *
 * <pre>
 * receive ITEMS COUNT DROPFILE   get COUNT items (queue handles) from ITEMS and keep them, unclosed;
 *                                print "HELD attachments references"; once DROPFILE exists, drop
 *                                them, collect garbage until only ITEMS is attached, print
 *                                "RELEASED attachments"; then wait for DROPFILE.exit
 * attach QUEUE                   attach QUEUE: print "ATTACHED qsize" and close, or "REFUSED message"
 * take ITEMS                     get one item (a queue handle): print "TOOK" or "UNDECODABLE message"
 * </pre>
 */
public final class HandleHolder {

    private static final long BOUND_NANOS = ChildJvm.scaled(Duration.ofSeconds(60)).toNanos();

    private HandleHolder() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "receive" -> receive(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "attach" -> {
                try {
                    Queue<Object> q = PipeQueues.attach(args[1]);
                    System.out.println("ATTACHED " + q.qsize());
                    q.close();
                } catch (IllegalStateException e) {
                    System.out.println("REFUSED " + e.getMessage());
                }
            }
            case "take" -> {
                Queue<Object> items = PipeQueues.attach(args[1]);
                try {
                    Object got = items.get(Duration.ofSeconds(30));
                    System.out.println("TOOK " + got);
                } catch (org.jbilliard.CodecException e) {
                    System.out.println("UNDECODABLE " + e.getMessage());
                }
                items.close();
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.flush();
    }

    private static void receive(String itemsAddress, int count, Path dropFile) throws Exception {
        Queue<Object> items = PipeQueues.attach(itemsAddress);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kept.add(items.get(Duration.ofSeconds(30)));
        }
        PipeHandle first = (PipeHandle) kept.get(0);
        System.out.println("HELD " + HandleRegistry.attachments() + " " + HandleRegistry.references(first.channel));
        System.out.flush();
        first = null;
        awaitFile(dropFile);
        kept.clear();
        org.awaitility.Awaitility.await("the dropped handles' attachment released").atMost(Duration.ofNanos(BOUND_NANOS))
                .pollInterval(Duration.ofMillis(10)).until(() -> {
                    System.gc();
                    return HandleRegistry.attachments() == 1;
                });
        System.out.println("RELEASED " + HandleRegistry.attachments());
        System.out.flush();
        awaitFile(Path.of(dropFile + ".exit"));
        items.close();
    }

    private static void awaitFile(Path file) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + file + " in time");
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
