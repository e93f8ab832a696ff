package org.jbilliard;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A handle on a {@link Task} running in another process: billiard's {@code Process}, named so as not
 * to shadow {@link java.lang.Process}.
 *
 * <p>Created unstarted by {@link Context#process(Task, ProcessOptions)}; {@link #start()} launches it
 * once. Exit codes follow billiard: empty while the process has not been started or is running,
 * {@code 0} after the task returned, {@code 1} after an uncaught exception, the argument of
 * {@code System.exit(n)} if the task called it, and {@code -n} if the process was killed by signal
 * {@code n} (where {@link Feature#SIGNALS} is declared).
 *
 * <p>Lifecycle rules, as in billiard: a parent that exits normally joins its non-daemon children and
 * terminates its daemon ones; a child whose parent dies abruptly exits as well, so no child outlives
 * its parent. {@link #close()} kills a process that is still running and waits for it, which makes
 * try-with-resources a safe way to bound a child's life.
 *
 * <p><b>Thread-safety.</b> All methods may be called from any thread. Actions in the task happen
 * before {@link #join()} returns in the sense that whatever the task put on a queue before returning
 * has been flushed to the queue (unless the task opted out with {@link Queue#cancelJoinThread()}).
 */
public interface TaskProcess extends AutoCloseable {

    /**
     * Starts the process. billiard: {@code Process.start()}.
     *
     * @throws IllegalStateException if it was already started
     */
    void start();

    /**
     * Waits until the process has exited. billiard: {@code Process.join()}.
     *
     * @throws InterruptedException  if the calling thread is interrupted while waiting; the process is
     *                               unaffected
     * @throws IllegalStateException if the process was never started
     */
    void join() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the process to exit. billiard: {@code Process.join(timeout)},
     * which returns {@code None}; this returns whether the process has exited.
     *
     * @param timeout how long to wait; zero or negative means do not wait
     * @return {@code true} if the process has exited, {@code false} if the timeout elapsed first
     * @throws InterruptedException  if the calling thread is interrupted while waiting
     * @throws IllegalStateException if the process was never started
     */
    boolean join(Duration timeout) throws InterruptedException;

    /**
     * Returns whether the process has started and not yet exited. billiard: {@code is_alive()}.
     *
     * @return {@code true} while it runs
     */
    boolean isAlive();

    /**
     * Returns the exit code, billiard's {@code exitcode}: empty while unstarted or running; see the
     * class description for the values.
     *
     * @return the exit code, if the process has exited
     */
    OptionalInt exitCode();

    /**
     * Returns the operating-system process id, billiard's {@code pid}.
     *
     * @return the pid once started; empty before
     */
    OptionalLong pid();

    /**
     * Returns the name, billiard's {@code name}.
     *
     * @return the name given in the options or generated ({@code TaskProcess-N})
     */
    String name();

    /**
     * Returns the daemon flag, billiard's {@code daemon}.
     *
     * @return whether the process is a daemon
     */
    boolean isDaemon();

    /**
     * Asks the process to terminate: SIGTERM, billiard's {@code terminate()}. Does nothing if the
     * process has already exited.
     *
     * @throws IllegalStateException         if the process was never started
     * @throws UnsupportedOperationException if the context does not declare {@link Feature#SIGNALS}
     */
    void terminate();

    /**
     * Kills the process: SIGKILL, billiard's {@code kill()}. Does nothing if the process has already
     * exited. Queues the process used are not harmed where {@link Feature#CRASH_SAFE} is declared.
     *
     * @throws IllegalStateException         if the process was never started
     * @throws UnsupportedOperationException if the context does not declare {@link Feature#SIGNALS}
     */
    void kill();

    /**
     * Returns the task's uncaught exception, with its remote stack trace, once the process has exited
     * with it. Not part of billiard (which only prints the traceback); it lets a parent, or a test,
     * see why a child failed.
     *
     * @return the failure, or empty if the process is running, succeeded, or died without one
     */
    Optional<TaskFailure> failure();

    /**
     * Returns what the child wrote to standard output so far, if output capture was requested.
     *
     * @return the captured text (UTF-8 decoded)
     * @throws IllegalStateException if capture was not requested in the {@link ProcessOptions}
     */
    String capturedStdout();

    /**
     * Returns what the child wrote to standard error so far, if output capture was requested.
     *
     * @return the captured text (UTF-8 decoded)
     * @throws IllegalStateException if capture was not requested in the {@link ProcessOptions}
     */
    String capturedStderr();

    /**
     * Kills the process if it is still running, waits for it, and releases what the handle holds.
     * Idempotent; does nothing for an unstarted process.
     */
    @Override
    void close();
}
