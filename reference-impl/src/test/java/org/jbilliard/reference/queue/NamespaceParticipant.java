package org.jbilliard.reference.queue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jbilliard.Context;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.IdentityScope;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * Main class of the child JVMs of {@link PidNamespaceTest}, which runs them in a PID namespace of
 * their own or in the test's. Reports on stdout, one line per fact, flushed at once; an exception
 * prints its stack trace on stderr and exits with status 1.
 *
 * <pre>
 * attach ADDRESS   print "SCOPE scope"; attach: "ATTACHED", or "REFUSED class: message"
 * context IDENTITY print "SCOPE scope"; "PROBE verdict": ProcessIdentity.liveness(IDENTITY) as seen
 *                  from here; start a Context (its start-up cleanup runs); print "STARTED name"
 * host             print "SCOPE scope" and "SELF identity"; create a queue, put "hosted", print
 *                  "ADDR address"; wait for
 *                  a line on stdin; then get it back ("KEPT item"), put and get once more, close
 * </pre>
 * Every role ends by printing {@code DONE}.
 */
public final class NamespaceParticipant {

    private NamespaceParticipant() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        line(out, "SCOPE " + IdentityScope.current());
        switch (args[0]) {
            case "attach" -> {
                try {
                    PipeQueues.attach(args[1]).close();
                    line(out, "ATTACHED");
                } catch (RuntimeException e) {
                    line(out, "REFUSED " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
                }
            }
            case "context" -> {
                line(out, "PROBE " + ProcessIdentity.liveness(Long.parseLong(args[1])));
                Context context = Context.load();
                line(out, "STARTED " + context.name());
            }
            case "host" -> {
                line(out, "SELF " + ProcessIdentity.self());
                Queue<Object> q = PipeQueues.create(0, new SerializingCodec());
                q.put("hosted");
                line(out, "ADDR " + q.address());
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                if (in.readLine() == null) {
                    throw new IllegalStateException("stdin closed before the go-ahead");
                }
                line(out, "KEPT " + q.get(Duration.ofSeconds(10)));
                q.put("again");
                line(out, "AGAIN " + q.get(Duration.ofSeconds(10)) + " qsize=" + q.qsize());
                q.close();
                q.joinThread();
            }
            default -> throw new IllegalArgumentException("unknown role " + args[0]);
        }
        line(out, "DONE");
    }

    private static void line(PrintStream out, String text) {
        out.println(text);
        out.flush();
    }
}
