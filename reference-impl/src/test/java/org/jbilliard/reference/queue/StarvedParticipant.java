package org.jbilliard.reference.queue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jbilliard.Empty;
import org.jbilliard.Queue;
import org.jbilliard.reference.nativeio.ProcessIdentity;

/**
 * Main class of a child JVM that takes part in a queue while it has no file descriptor left
 * ({@link DescriptorHoard}). Reports on stdout, one line per fact, flushed at once:
 *
 * <pre>
 * STARVED n                     the hoard holds n descriptors; every open now fails with EMFILE
 * PROBE parent|dead VERDICT     ProcessIdentity.liveness of a live participant and of a reaped process
 * SELF-OK identity              ProcessIdentity.self() still answers (it was cached at attach)
 * ATTACH-SHARED ok              a second handle of the attached queue (it shares the attachment)
 * ATTACH-REFUSED type: message  what attaching another queue reported (it needs new descriptors)
 * PUT-DONE                      all COUNT items "ID:seq" are put
 * GOT item                      an item this process took
 * STILL-STARVED true|false      whether open still failed with EMFILE just before close()
 * CLOSED                        close() and joinThread() returned
 * </pre>
 *
 * Arguments: {@code ADDRESS PARENT_IDENTITY DEAD_IDENTITY STOP_FILE ID COUNT}. After putting its
 * items it keeps taking until {@code STOP_FILE} exists (tested with {@code stat}, which needs no
 * descriptor) and a {@code get} found the queue empty.
 */
public final class StarvedParticipant {

    private StarvedParticipant() {
    }

    public static void main(String[] args) throws Throwable {
        String address = args[0];
        long parent = Long.parseLong(args[1]);
        long dead = Long.parseLong(args[2]);
        Path stop = Path.of(args[3]);
        String id = args[4];
        int count = Integer.parseInt(args[5]);
        PrintStream out = System.out;
        warmUp();
        Queue<Object> q = PipeQueues.attach(address);
        long self = ProcessIdentity.self();
        try (DescriptorHoard hoard = DescriptorHoard.exhaust(512)) {
            line(out, "STARVED " + hoard.size() + " " + DescriptorHoard.exhausted());
            line(out, "PROBE parent " + ProcessIdentity.liveness(parent));
            line(out, "PROBE dead " + ProcessIdentity.liveness(dead));
            line(out, "SELF-OK " + (ProcessIdentity.self() == self));
            PipeQueues.attach(address).close();
            line(out, "ATTACH-SHARED ok");
            try {
                PipeQueues.attach(args[6]).close();
                line(out, "ATTACH-REFUSED none");
            } catch (RuntimeException e) {
                line(out, "ATTACH-REFUSED " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
            }
            for (int i = 0; i < count; i++) {
                q.put(ChildRole.item(id, i, 0));
                take(q, out, 1);
            }
            line(out, "PUT-DONE");
            while (true) {
                boolean empty = !take(q, out, 50);
                if (empty && Files.exists(stop)) {
                    break;
                }
            }
            line(out, "STILL-STARVED " + DescriptorHoard.exhausted());
            q.close();
            q.joinThread();
            line(out, "CLOSED");
        }
        line(out, "DONE");
    }

    /** One bounded get; prints what it took. */
    private static boolean take(Queue<Object> q, PrintStream out, long millis) throws InterruptedException {
        try {
            line(out, "GOT " + q.get(Duration.ofMillis(millis)));
            return true;
        } catch (Empty e) {
            return false;
        }
    }

    /**
     * Loads every class of the queue and native packages: a path the warm-up did not take (a blocking
     * poll, a repair) must not need a descriptor to load its classes later.
     */
    private static void loadEveryQueueClass() throws Exception {
        Path root = Path.of(PipeQueues.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            for (String pkg : List.of("org/jbilliard/reference/queue", "org/jbilliard/reference/nativeio")) {
                try (Stream<Path> files = Files.list(root.resolve(pkg))) {
                    files.map(f -> root.relativize(f).toString()).forEach(names::add);
                }
            }
        } else {
            try (ZipFile jar = new ZipFile(root.toFile())) {
                jar.stream().map(ZipEntry::getName).forEach(names::add);
            }
        }
        for (String name : names) {
            if (name.endsWith(".class") && (name.startsWith("org/jbilliard/reference/queue/")
                    || name.startsWith("org/jbilliard/reference/nativeio/")) && !name.contains("package-info")) {
                Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true,
                        StarvedParticipant.class.getClassLoader());
            }
        }
    }

    /**
     * Runs every path the starved phase uses once, so that no class has to be loaded from the class
     * path (which opens files) once the descriptors are gone.
     */
    private static void warmUp() throws Exception {
        Queue<Object> scratch = PipeQueues.create(0, new SerializingCodec());
        scratch.put(ChildRole.item("warm", 0, 0));
        scratch.get(Duration.ofSeconds(10));
        try {
            scratch.get(Duration.ofMillis(1));
        } catch (Empty expected) {
            // the class is loaded now
        }
        scratch.qsize();
        Files.exists(Path.of(scratch.address()));
        ProcessIdentity.liveness(ProcessIdentity.self());
        try {
            PipeQueues.attach("/nonexistent/jbilliard-q-0-0");
        } catch (IllegalArgumentException expected) {
            // the refusal path is loaded now
        }
        DescriptorHoard.exhausted();
        scratch.close();
        scratch.joinThread();
        loadEveryQueueClass();
        line(System.out, "WARM");
    }

    private static void line(PrintStream out, String text) {
        out.println(text);
        out.flush();
    }
}
