/**
 * Task processes: billiard's {@code Process}, each task in a child JVM — the launcher every
 * {@link org.jbilliard.Context} of jbilliard uses (artifact {@code jbilliard-launcher}).
 *
 * <h2>What is shared, and what a context adds</h2>
 * Everything about a child JVM is the same whatever queues the task uses: the command line, the
 * launch protocol, the exit-code rule, orphan prevention, captured output, the start-up cache, warm
 * spares. A context contributes a {@link org.jbilliard.launcher.LaunchSupport}: how the queues a task
 * captured are kept alive until the child has attached to them (the one thing that depends on how
 * queues work: the reference pins a second attachment in the parent, the Redis context leased
 * handles on the server), and optional start-up hints (its classes for the start-up cache, a
 * rehearsal for the cache's training run, a prelude the child runs on a helper thread). A context's
 * {@code process()} is one call:
 * {@code JvmTaskProcess.create(task, options, support, spares)}.
 * <pre>
 *  Context.process ---&gt; JvmTaskProcess ---&gt; ChildCommand (java, flags, cache, class path)
 *                            |        \----&gt; WarmSpares.take(command)  (a spare of exactly that command?)
 *                            |                  yes: write the request to the waiting spare
 *                            |                  no:  ChildJvm.spawn(command), then write the request
 *                            \--- LaunchSupport.pinCapturedQueues(task)   (until the child exits)
 * </pre>
 *
 * <h2>Launch protocol</h2>
 * <pre>
 *  parent JVM                                          child JVM
 *  ----------                                          ---------
 *  Context.process(task)
 *    serialize the task (Java serialization);
 *    unserializable: IllegalArgumentException here
 *  start()
 *    spawn  java &lt;start-up options&gt; &lt;inherited&gt; &lt;user options&gt;
 *                -cp [boot.jar:]&lt;class path&gt; org.jbilliard.launcher.ChildMain
 *           stdin = pipe (ours), stdout/stderr = inherited, or pipes if captured
 *    mkdir  $XDG_RUNTIME_DIR|java.io.tmpdir/jbilliard-task-&lt;parent pid&gt;-ns&lt;pid namespace&gt;-&lt;random&gt;   (0700)
 *    pin the queues the task captured (LaunchSupport, until the child exits)
 *    write  LaunchRequest on stdin: ----------------&gt;  read LaunchRequest; System.in := empty
 *           magic, version, name, result dir,          start the context's prelude on a helper
 *           prelude, task bytes                        add shutdown hook (records how the JVM ends)
 *    keep stdin open, write nothing more               start ParentWatcher (reads stdin to EOF)
 *                                                      deserialize the task, run it
 *                                                      return: exit(0); throw: print "Process name:"
 *                                                        + stack trace to stderr, write failure, exit(1)
 *                                                      shutdown hook: write "exit" or "signal N"
 *  join(): waitFor; read result dir; delete it  &lt;----  files in the result dir (0600, renamed into place)
 * </pre>
 *
 * <p><b>What is sent.</b> Only the launch request on standard input: the name, the path of the
 * private result directory, the context's prelude and the serialized task. Whatever the task
 * captured (queue handles among it) travels inside the task; until the child exits, the parent pins
 * each captured queue ({@link org.jbilliard.launcher.LaunchSupport#pinCapturedQueues}), so a queue
 * the parent closes right after {@code start()} is still there when the child attaches. Classes come
 * from the class path, which is the parent's plus the locations of the launcher, the api and the
 * context (see
 * {@link org.jbilliard.launcher.ParentJvm}): {@code java -cp}, an executable jar and
 * Surefire's booter jar all work, because the JVM follows a jar's manifest {@code Class-Path}.
 * Classes that exist only in the parent — the single-file source launcher's in-memory classes, a
 * Spring Boot jar's nested jars — are refused at {@code process()}
 * ({@link org.jbilliard.launcher.ChildClassPathCheck}) with what to do instead, rather than
 * failing in a child after its start-up while the parent waits on a queue; a captured class the child
 * still cannot load fails the child at once with a {@code ClassNotFoundException} naming the class and
 * the child's class path.
 *
 * <p><b>How a failure returns.</b> The child copies its uncaught exception into a
 * {@link org.jbilliard.TaskFailure} (class name, message, stack trace, cause chain) and writes it,
 * serialized, to {@code failure} in the result directory before exiting with status 1; the parent
 * reads it after reaping the child, and deletes the directory. The directory is 0700 and its files
 * 0600, so no other user can read or forge a result.
 *
 * <p><b>How the exit code is derived.</b> See {@link org.jbilliard.launcher.ExitCodes}:
 * Java reports {@code 128 + s} both for {@code exit(128 + s)} and for death by signal {@code s}. The
 * child's shutdown hook records whether a shutdown started normally or from a signal handler (it sees
 * the JVM's {@code "SIGTERM handler"} thread), no hook runs on SIGKILL, and the parent knows which
 * signals it sent itself; together these give billiard's codes: 0, 1, {@code n} for
 * {@code System.exit(n)} (also above 128), {@code -s} for signal {@code s}.
 *
 * <p><b>How orphans are prevented.</b> The write end of the child's standard input is held by the
 * parent process alone (Java closes every other descriptor in a child). When the parent dies,
 * however it dies, the kernel closes it and the child's
 * {@link org.jbilliard.launcher.ParentWatcher} reads end of file: the child deletes its
 * result directory and leaves through {@code System.exit} (so queues still flush), halting if that
 * takes longer than two seconds. This follows the parent <em>process</em>; {@code PR_SET_PDEATHSIG}
 * would follow the thread that spawned the child. A parent that exits normally runs
 * {@link org.jbilliard.launcher.LiveChildren}' hook first: daemon children are terminated,
 * non-daemon children are joined, as in billiard; a parent shut down by SIGTERM/SIGINT/SIGHUP
 * terminates all of them. Signals are sent through {@link java.lang.ProcessHandle}, never
 * {@link java.lang.Process#destroy()}, which would also close the child's pipes.
 *
 * <h2>Start-up</h2>
 * A child starts with {@code --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC
 * -XX:TieredStopAtLevel=1 -XX:-UsePerfData} and, once built, the AOT cache of
 * {@link org.jbilliard.launcher.StartupCache} (built in the background on first use,
 * reused across JVMs from {@code ~/.cache/jbilliard/startup}; its boot jar carries copies of the
 * api's, the launcher's and the context's classes ({@link org.jbilliard.launcher.LaunchSupport#cachedPackages})
 * and its training runs the context's rehearsal — the reference attaches to a queue the way a child
 * does — so the child's launch and queue classes, and the JDK classes they use, come from the cache).
 * A child whose task captured a queue runs the context's prelude on a helper thread
 * ({@link org.jbilliard.launcher.ChildPrelude}; the reference binds its libc functions) while its main
 * thread deserializes the
 * task: the first FFM binding in a JVM and the task's deserialization (serialization filter set-up,
 * spinning the task's lambda class) each cost tens of milliseconds and do not depend on each other.
 * The parent spawns the child before it creates the result directory and attaches the captured
 * queues, so both happen while the child JVM boots. Two further choices keep a short task short:
 * the child leaves through {@code System.exit} with no thread blocked in native code (HotSpot would
 * wait up to 300 ms for it, see {@link org.jbilliard.launcher.ParentWatcher}), and signals
 * never close its pipes.
 *
 * <p>Tried and left out: {@code -XX:ArchiveRelocationMode=0} (mapping the cache at its preferred
 * address instead of relocating it) made start-up slower here, not faster; the child's main thread
 * still pays for the JDK's serialization filter set-up, which looks up a {@code System.LoggerFinder}
 * on the whole class path, and for the FFM downcall code, which the JDK 25 cache does not keep.
 * Measure with the harness in the test sources:
 * <pre>
 * ./mvnw -B -q -pl reference-impl -am test-compile
 * ./mvnw -B -q -pl reference-impl dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp reference-impl/target/classes:reference-impl/target/test-classes:launcher/target/classes:api/target/classes:$(cat reference-impl/target/test.classpath) \
 *   org.jbilliard.launcher.StartupHarness 30 default nocache tiered
 * </pre>
 * {@code nocache} and {@code tiered} are the system properties
 * {@code -Djbilliard.process.startupCache=off} and {@code -Djbilliard.process.c1Only=false}, which
 * applications may set too (a long-running, compute-heavy child gains from C2; so does one that
 * should reach the queues' peak throughput).
 *
 * <h2>Warm spares (opt-in)</h2>
 * Java cannot fork, but it can keep a started JVM waiting. A context made with
 * {@code withWarmSpares(count, options)} holds a {@link org.jbilliard.launcher.WarmSpares} pool:
 * {@code count} child JVMs spawned ahead with exactly the command a fresh child of {@code options}
 * would get, each told at once that it is a spare ({@code LaunchRequest.Spare}: its result
 * directory, the context's prelude). A spare warms up — the prelude, the serialization machinery —
 * writes {@code ready} into its result directory and blocks reading its standard input.
 * {@code start()} computes the command a fresh child would get; if the pool holds a live spare of
 * that very command, the launch request is written to it and the spare becomes the process;
 * otherwise the process starts cold. Nothing else differs: the same orphan prevention (a spare that
 * reads end of file before its request deletes its directory and exits — the parent died, even by
 * SIGKILL, or closed the pool), the same exit codes, the same captured output.
 * <pre>
 *  pool                                   spare JVM
 *  spawn &lt;command&gt;; mkdir result dir
 *  write Spare(dir, prelude)  ----------&gt;  prelude; warm up; write dir/ready
 *                                          read stdin ... (waits; EOF: delete dir, exit)
 *  start(): command equal?  yes --------&gt;  read LaunchRequest; run as any child
 *  spawn a replacement in the background
 * </pre>
 *
 * <h2>Thread-safety</h2>
 * {@link org.jbilliard.launcher.JvmTaskProcess} and {@link org.jbilliard.launcher.WarmSpares} are
 * thread-safe; everything else here is either stateless or confined to the child's main thread.
 */
package org.jbilliard.launcher;
