package org.jbilliard.reference.queue;

import java.io.PrintStream;
import java.time.Duration;
import org.jbilliard.Queue;

/**
 * Main class of the child JVMs that {@link StoppedParticipantTest} stops with SIGSTOP. Reports on
 * stdout, one line per fact, flushed at once; an exception prints its stack trace on stderr and
 * exits with status 1, which the test shows with that stderr.
 *
 * <pre>
 * produce-big ADDRESS BIG_BYTES SMALL_COUNT   put one big byte[] ({@link #big}), then "P:0".."P:n-1";
 *                                             print PUT; close, joinThread
 * produce ADDRESS ID COUNT                    put "ID:0".."ID:n-1"; print PUT; close, joinThread
 * produce-sizes ADDRESS SIZE,SIZE,...         put one {@link #big} byte[] of each size; print PUT; close,
 *                                             joinThread
 * take ADDRESS COUNT TIMEOUT_MS               print READY; COUNT times get(TIMEOUT) and print
 *                                             "GOT " + {@link #describe}; close
 * </pre>
 * Every role ends by printing {@code DONE}.
 */
public final class StoppableParticipant {

    private StoppableParticipant() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        String address = args[1];
        switch (args[0]) {
            case "produce-big" -> {
                Queue<Object> q = PipeQueues.attach(address);
                q.put(big(Integer.parseInt(args[2])));
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    q.put("P:" + i);
                }
                line(out, "PUT");
                q.close();
                q.joinThread();
            }
            case "produce" -> {
                Queue<Object> q = PipeQueues.attach(address);
                for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                    q.put(args[2] + ":" + i);
                }
                line(out, "PUT");
                q.close();
                q.joinThread();
            }
            case "produce-sizes" -> {
                Queue<Object> q = PipeQueues.attach(address);
                for (String size : args[2].split(",")) {
                    q.put(big(Integer.parseInt(size)));
                }
                line(out, "PUT");
                q.close();
                q.joinThread();
            }
            case "take" -> {
                Queue<Object> q = PipeQueues.attach(address);
                Duration timeout = Duration.ofMillis(Long.parseLong(args[3]));
                line(out, "READY");
                for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                    line(out, "GOT " + describe(q.get(timeout)));
                }
                q.close();
            }
            default -> throw new IllegalArgumentException("unknown role " + args[0]);
        }
        line(out, "DONE");
    }

    /** A {@code byte[]} of {@code size} bytes whose every byte depends on its position. */
    static byte[] big(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = expected(i);
        }
        return b;
    }

    /**
     * {@code "big SIZE intact|torn@OFFSET"} for a {@code byte[]}, the string itself otherwise: a torn
     * or spliced frame shows at the first byte that differs.
     */
    static String describe(Object item) {
        if (item instanceof byte[] b) {
            for (int i = 0; i < b.length; i++) {
                if (b[i] != expected(i)) {
                    return "big " + b.length + " torn@" + i;
                }
            }
            return "big " + b.length + " intact";
        }
        return String.valueOf(item);
    }

    private static byte expected(int i) {
        // NOTE: not periodic in any power of two, so a frame shifted by whole pages does not match.
        return (byte) (i * 31 + i / 4093);
    }

    private static void line(PrintStream out, String text) {
        out.println(text);
        out.flush();
    }
}
