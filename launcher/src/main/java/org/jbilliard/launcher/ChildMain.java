package org.jbilliard.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jbilliard.Task;

/**
 * The main class of every child JVM that {@link JvmTaskProcess} starts. Not meant to be run by
 * hand: it reads a {@link LaunchRequest} from standard input and refuses anything else.
 *
 * <p>In order: take standard input for the launch protocol and give the task an empty one (as
 * billiard redirects a child's stdin to {@code /dev/null}); if the parent started this JVM as a warm
 * spare, warm up and wait; read the request; start the context's prelude; register the hook that
 * records how the JVM shut down; start watching for the parent's death; deserialize and run the task;
 * leave through {@code System.exit} so that every shutdown hook (queue flushes among them) runs,
 * whatever threads the task left behind.
 *
 * <p><b>Thread-safety.</b> Runs once, on the child's main thread.
 */
public final class ChildMain {

    /** Exit status of a task that returned normally. */
    static final int EXIT_OK = 0;
    /** Exit status of a task that threw, or could not be deserialized. */
    static final int EXIT_FAILED = 1;
    /** Exit status when the launch protocol itself failed (the parent sees no task failure). */
    static final int EXIT_PROTOCOL = 2;

    /** How long a spare waits for its prelude before it reports ready. */
    static final long SPARE_PRELUDE_MILLIS = 10_000;

    // Confined to the main thread: set when this JVM was started as a warm spare.
    private static Path spareDirectory;

    private ChildMain() {
    }

    /**
     * Runs the task sent by the parent and exits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // NOTE: the request is read unbuffered from the channel, so that nothing beyond it is consumed
        // before the watcher takes over the same descriptor.
        FileChannel control = new FileInputStream(FileDescriptor.in).getChannel();
        System.setIn(InputStream.nullInputStream());
        LaunchRequest request;
        try {
            request = LaunchRequest.readFrom(Channels.newInputStream(control), new SpareWarmUp());
        } catch (IOException e) {
            System.err.println("jbilliard child: " + e.getMessage());
            System.exit(EXIT_PROTOCOL);
            return;
        }
        if (request == null) {
            // A spare whose parent exited, was killed, or closed its pool: nobody will hand it a task.
            new ResultDirectory(spareDirectory).deleteQuietly();
            System.exit(ParentWatcher.EXIT_PARENT_GONE);
            return;
        }
        if (spareDirectory == null) {
            // NOTE: a spare ran the prelude for any task while it waited.
            ChildPrelude.start(request.prelude());
        }
        ResultDirectory results = new ResultDirectory(request.resultDir());
        try {
            results.writeRunning();
        } catch (IOException e) {
            // Only how a later exit without a recorded failure is described depends on it.
        }
        ParentWatcher watcher = new ParentWatcher(control, results);
        // NOTE: the hook is registered before the task runs, so any System.exit in the task is recorded.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> recordShutdown(results, watcher), "jbilliard-exit-record"));
        watcher.start();
        System.exit(run(request, results));
    }

    /** A class rather than a method reference: a cold child would spin the reference's class at run time. */
    private static final class SpareWarmUp implements java.util.function.Consumer<LaunchRequest.Spare> {
        @Override
        public void accept(LaunchRequest.Spare spare) {
            prepareAsSpare(spare);
        }
    }

    /**
     * A warm spare, before it waits for its request: runs the context's prelude, does the start-up
     * work every task needs (the serialization machinery, the classes of the launch path), then
     * records in its result directory that it is ready.
     */
    private static void prepareAsSpare(LaunchRequest.Spare spare) {
        spareDirectory = spare.resultDir();
        Thread prelude = ChildPrelude.start(spare.prelude());
        try {
            TaskSerialization.deserialize(TaskSerialization.serialize(WarmUp.TASK)).run();
        } catch (Exception e) {
            // Only the warm-up is lost; the task deserializes on its own.
        }
        ShutdownSignals.initiatingSignal();
        if (prelude != null) {
            try {
                // NOTE: ready only once the prelude is done, so that a task handed over at once does
                // not compete with it; bounded, as a prelude that hangs must not make a spare useless.
                prelude.join(SPARE_PRELUDE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ResultDirectory results = new ResultDirectory(spare.resultDir());
        try {
            results.writeReady();
        } catch (IOException e) {
            // The pool then still hands this spare out; it only cannot tell that it is ready.
        }
    }

    /** The spare's warm-up task: a lambda, as most tasks are, so its machinery is spun before the request. */
    private static final class WarmUp {
        static final Task TASK = () -> { };
    }

    private static int run(LaunchRequest request, ResultDirectory results) {
        try {
            Task task = TaskSerialization.deserialize(request.task());
            task.run();
            return EXIT_OK;
        } catch (Throwable failure) {
            // billiard prints "Process <name>:" and the traceback to the child's stderr.
            System.err.println("Process " + request.name() + ":");
            failure.printStackTrace();
            System.err.flush();
            try {
                results.writeFailure(failure);
            } catch (Throwable e) { // even an Error here must not keep the child from exiting
                System.err.println("jbilliard child: could not record the failure for the parent: " + e);
            }
            return EXIT_FAILED;
        } finally {
            System.out.flush();
        }
    }

    private static void recordShutdown(ResultDirectory results, ParentWatcher watcher) {
        if (watcher.parentGone()) {
            return;
        }
        try {
            results.writeShutdown(ShutdownSignals.initiatingSignal());
        } catch (IOException | RuntimeException e) {
            // The parent then treats an exit status above 128 as a death by signal; nothing better to do.
        } finally {
            watcher.stopWatching();
        }
    }
}
