package org.jbilliard.reference.queue;

import java.io.PrintStream;
import java.time.Duration;
import org.jbilliard.Empty;
import org.jbilliard.JoinableQueue;
import org.jbilliard.Queue;
import org.jbilliard.SimpleQueue;

/**
 * Main class of the child JVMs the cross-process tests start: attaches to a queue by address and runs
 * one scripted role, reporting on stdout. An uncaught exception prints its stack trace (stderr) and
 * exits with status 1, which the test reports with that stderr.
 *
 * <pre>
 * produce  KIND ADDRESS ID COUNT PAD   put "ID:SEQ[:padding]" for SEQ in 0..COUNT-1, close, joinThread
 * consume  KIND ADDRESS TIMEOUT_MS     get until "STOP" (or Empty); print "ITEM ID:SEQ"; taskDone if joinable
 * get      KIND ADDRESS               one get(), print it
 * produce-exit / produce-cancel   as produce, but exit without close (after cancelJoinThread)
 * fill-alone KIND -                   create a queue, put 6 MB nobody reads, exit without close
 * create   KIND -                     create a queue, put one item, print "ADDR address", wait to be killed
 * </pre>
 */
public final class ChildRole {

    private ChildRole() {
    }

    public static void main(String[] args) throws Exception {
        String role = args[0];
        String kind = args[1];
        String address = args[2];
        PrintStream out = System.out;
        switch (role) {
            case "produce" -> produce(kind, address, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "consume" -> consume(kind, address, Long.parseLong(args[3]), out);
            case "get" -> {
                out.println("READY");
                out.flush();
                Object item = "simple".equals(kind)
                        ? PipeQueues.<Object>attachSimple(address).get()
                        : PipeQueues.<Object>attach(address).get();
                out.println("GOT " + item);
            }
            case "produce-exit", "produce-cancel" -> {
                Queue<Object> q = PipeQueues.attach(address);
                for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                    q.put(item(args[3], i, Integer.parseInt(args[5])));
                }
                if (role.equals("produce-cancel")) {
                    q.cancelJoinThread();
                }
                out.println("PUT");
                // returns without close(): the exit hook flushes unless cancelled
            }
            case "fill-alone" -> {
                Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
                for (int i = 0; i < 2000; i++) {
                    q.put(item("p", i, 3000)); // 6 MB: far more than the FIFO holds
                }
                out.println("PUT " + q.address());
                // returns without close and without any reader
            }
            case "create" -> {
                Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
                q.put("left behind");
                out.println("ADDR " + q.address());
                out.flush();
                new java.util.concurrent.CountDownLatch(1).await(); // until killed
            }
            default -> throw new IllegalArgumentException("unknown role " + role);
        }
        out.println("DONE");
        out.flush();
    }

    static String item(String id, int seq, int pad) {
        return id + ":" + seq + (pad > 0 ? ":" + "x".repeat(pad) : "");
    }

    private static void produce(String kind, String address, String id, int count, int pad) throws Exception {
        if ("simple".equals(kind)) {
            SimpleQueue<Object> q = PipeQueues.attachSimple(address);
            for (int i = 0; i < count; i++) {
                q.put(item(id, i, pad));
            }
            q.close();
            return;
        }
        Queue<Object> q = PipeQueues.attach(address);
        for (int i = 0; i < count; i++) {
            q.put(item(id, i, pad));
        }
        q.close();
        q.joinThread();
    }

    private static void consume(String kind, String address, long timeoutMs, PrintStream out) throws Exception {
        if ("simple".equals(kind)) {
            SimpleQueue<Object> q = PipeQueues.attachSimple(address);
            while (true) {
                Object item = q.get();
                if ("STOP".equals(item)) {
                    break;
                }
                out.println("ITEM " + shorten(item));
            }
            q.close();
            return;
        }
        Queue<Object> q = PipeQueues.attach(address);
        JoinableQueue<Object> jq = q instanceof JoinableQueue<Object> j ? j : null;
        while (true) {
            Object item;
            try {
                item = q.get(Duration.ofMillis(timeoutMs));
            } catch (Empty e) {
                out.println("EMPTY");
                break;
            }
            if (jq != null) {
                jq.taskDone();
            }
            if ("STOP".equals(item)) {
                break;
            }
            out.println("ITEM " + shorten(item));
        }
        q.close();
    }

    private static String shorten(Object item) {
        String s = String.valueOf(item);
        int second = s.indexOf(':', s.indexOf(':') + 1);
        return second < 0 ? s : s.substring(0, second);
    }
}
