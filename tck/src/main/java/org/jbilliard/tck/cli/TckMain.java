package org.jbilliard.tck.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jbilliard.Context;
import org.jbilliard.tck.Rule;
import org.jbilliard.tck.TckEnvironment;
import org.jbilliard.tck.TckSubject;
import org.jbilliard.tck.runner.ReportWriter;
import org.jbilliard.tck.runner.TckReport;
import org.jbilliard.tck.runner.TckRunner;

/**
 * The TCK from the command line:
 * {@code java -jar jbilliard-tck.jar --context <class> --classpath <jar…> --report <dir>}.
 *
 * <p>With {@code --classpath}, the TCK starts a fresh JVM whose class path is the TCK jar plus the given
 * entries, so that an implementation which starts child JVMs from {@code java.class.path} finds both
 * itself and the TCK's task classes there. Exit status: 0 when no rule failed, 1 when a rule failed (the
 * failed rules are named, with their whole messages, in the closing summary, which is the last thing the
 * run prints), 2 for a usage or setup error: a context class that is missing, was compiled for a newer
 * Java, needs a missing class or whose constructor throws, named by its root cause, not a stack trace.
 *
 * <p>Not thread-safe: one run per JVM. {@link #run} blocks until the TCK (or the forked JVM) has finished.
 */
public final class TckMain {

    private static final String USAGE = String.join("\n",
            "usage: java -jar jbilliard-tck.jar --context <class> [--classpath <jar|dir>[:…]]… [--report <dir>]",
            "                                  [--time-factor <x>] [--rules <ID|prefix>,…] [--jvm-arg <arg>]…",
            "",
            "  --context <class>    the org.jbilliard.Context implementation (public no-argument constructor)",
            "  --classpath <path>   jars or directories holding the implementation (repeatable, ':'-separated)",
            "  --report <dir>       where tck-report.json, tck-report.md and JUnit XML go (default: tck-report)",
            "  --time-factor <x>    multiply every TCK timeout (default: $" + TckEnvironment.TIME_FACTOR_ENV + " or 1)",
            "  --rules <list>       run only these rule IDs or ID prefixes, e.g. Q-PUT,CRASH",
            "  --jvm-arg <arg>      an option for the JVM that runs the TCK (repeatable)",
            "  --in-process         run in this JVM instead of starting one with the class path",
            "  --no-junit-xml       do not write TEST-jbilliard-tck.xml (when something else reports the run)",
            "",
            "exit status: 0 no rule failed, 1 a rule failed, 2 usage or setup error (the root cause is printed)");

    private TckMain() {
    }

    /**
     * Runs the TCK and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the TCK.
     *
     * @param args the command line
     * @param out  progress and summary
     * @param err  errors
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("jbilliard TCK: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        try {
            if (!options.classpath.isEmpty() && !options.inProcess) {
                return fork(options, args, out, err);
            }
            return runHere(options, out);
        } catch (SetupException e) {
            err.println("jbilliard TCK: setup error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("jbilliard TCK: setup error: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jbilliard TCK: interrupted");
            return 2;
        } catch (RuntimeException | LinkageError e) {
            // Not a rule's verdict (those are reported per rule): the TCK itself could not run.
            err.println("jbilliard TCK: setup error: the TCK could not run: " + TckSubject.rootCause(e));
            return 2;
        }
    }

    /** A failure before any rule ran: bad context class, missing classes, unusable report directory. */
    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static int fork(Options options, String[] args, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(options.jvmArgs);
        command.add("-D" + TckEnvironment.TIME_FACTOR_PROPERTY + "=" + options.environment().timeFactor());
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("java.class.path"));
        for (String entry : options.classpath) {
            entries.add(Paths.get(entry).toAbsolutePath().toString());
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, entries));
        command.add(TckMain.class.getName());
        command.add("--in-process");
        // Standard error of the TCK's JVM and of every process the implementation starts (they inherit it):
        // the stack traces that rules provoke on purpose (a task that throws, a killed child) go to a file
        // in the report directory, not into the build log. The closing summary says where.
        Files.createDirectories(options.report);
        Path stderr = options.report.resolve(STDERR_LOG).toAbsolutePath();
        command.add(STDERR_OPTION);
        command.add(stderr.toString());
        for (String arg : args) {
            command.add(arg);
        }
        Path json = options.report.resolve(org.jbilliard.tck.runner.ReportWriter.JSON);
        long before = Files.exists(json) ? Files.getLastModifiedTime(json).toMillis() : -1;
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            // The child's output is relayed line by line, so progress stays visible and goes where ours goes.
            try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), java.nio.charset.Charset.defaultCharset()))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    out.println(line);
                }
            }
            int status = process.waitFor();
            boolean reported = Files.exists(json) && Files.getLastModifiedTime(json).toMillis() != before;
            if (status == 0 || (status == 1 && reported)) {
                if (Files.size(stderr) == 0) {
                    Files.delete(stderr);
                }
                return status;
            }
            // A setup error (the child's own message), the java launcher rejecting a --jvm-arg, or a crash:
            // what the child said on standard error is the cause, so it is shown here.
            String said = new String(Files.readAllBytes(stderr), java.nio.charset.Charset.defaultCharset()).strip();
            Files.deleteIfExists(stderr);
            if (status == 2) {
                err.println(said.isEmpty() ? "jbilliard TCK: setup error in the forked TCK JVM (exit 2)" : said);
                return 2;
            }
            err.println("jbilliard TCK: setup error: the forked TCK JVM exited with " + status
                    + " before it wrote a report" + (said.isEmpty() ? "" : ": " + said) + "\n  command: "
                    + String.join(" ", command));
            return 2;
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static int runHere(Options options, PrintStream out) throws SetupException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (!options.classpath.isEmpty()) {
            List<URL> urls = new ArrayList<>();
            for (String entry : options.classpath) {
                try {
                    urls.add(Paths.get(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new SetupException("class path entry " + entry + " is not usable: " + e.getMessage(), e);
                }
            }
            loader = new URLClassLoader(urls.toArray(new URL[0]), loader);
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Context context;
            try {
                context = TckSubject.instantiate(options.context, loader);
                context.name();
                context.features();
            } catch (IllegalArgumentException e) {
                throw new SetupException(e.getMessage(), e);
            } catch (RuntimeException | LinkageError e) {
                throw new SetupException("the context " + options.context + " cannot describe itself (name() or"
                        + " features() threw " + TckSubject.rootCause(e) + ")", e);
            }
            TckReport report;
            try {
                report = TckRunner.run(context, options.report, options.environment(), out, options.rules(),
                        !options.noJunitXml);
            } catch (java.io.UncheckedIOException e) {
                throw new SetupException(e.getMessage() + ": " + e.getCause().getMessage(), e);
            }
            List<String> files = new ArrayList<>(List.of(ReportWriter.JSON, ReportWriter.MARKDOWN));
            if (!options.noJunitXml) {
                files.add(ReportWriter.JUNIT_XML);
            }
            String stderrNote = options.stderrLog == null ? null : stderrNote(options.stderrLog);
            if (stderrNote != null) {
                files.add(stderrNote);
            }
            // The summary is the last thing the run prints: a CI log's reader finds the verdict at the end.
            out.println();
            out.print(report.summary(options.report, files));
            out.flush();
            return report.conforms() ? 0 : 1;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Names the file the forked TCK JVM's standard error goes to (set by the forking parent). */
    static final String STDERR_OPTION = "--stderr-log";
    /** The file in the report directory that receives standard error of a forked run. */
    static final String STDERR_LOG = "stderr.log";

    /** Describes the standard-error log for the summary, or returns {@code null} while it is empty. */
    private static String stderrNote(Path log) {
        System.err.flush();
        try {
            long lines;
            try (var stream = Files.lines(log, java.nio.charset.Charset.defaultCharset())) {
                lines = stream.count();
            }
            return lines == 0 ? null
                    : STDERR_LOG + ": " + lines + " lines of standard error from the implementation and its processes";
        } catch (IOException | java.io.UncheckedIOException e) {
            return STDERR_LOG;
        }
    }

    /** Parsed command line. */
    static final class Options {
        String context;
        final List<String> classpath = new ArrayList<>();
        Path report = Paths.get("tck-report");
        Double timeFactor;
        final List<String> rulePatterns = new ArrayList<>();
        final List<String> jvmArgs = new ArrayList<>();
        boolean inProcess;
        boolean noJunitXml;
        Path stderrLog;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help":
                    case "-h":
                        options.help = true;
                        break;
                    case "--in-process":
                        options.inProcess = true;
                        break;
                    case "--no-junit-xml":
                        options.noJunitXml = true;
                        break;
                    case STDERR_OPTION:
                        options.stderrLog = Paths.get(value(args, ++i, arg));
                        break;
                    case "--context":
                        options.context = value(args, ++i, arg);
                        break;
                    case "--classpath":
                    case "-cp":
                        for (String entry : value(args, ++i, arg).split(File.pathSeparator)) {
                            if (!entry.isBlank()) {
                                if (!new File(entry).exists()) {
                                    throw new IllegalArgumentException("class path entry does not exist: " + entry);
                                }
                                options.classpath.add(entry);
                            }
                        }
                        break;
                    case "--report":
                        options.report = Paths.get(value(args, ++i, arg));
                        break;
                    case "--time-factor":
                        try {
                            options.timeFactor = Double.valueOf(value(args, ++i, arg));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--time-factor needs a number, got " + args[i], e);
                        }
                        break;
                    case "--rules":
                        for (String pattern : value(args, ++i, arg).split(",")) {
                            if (!pattern.isBlank()) {
                                options.rulePatterns.add(pattern.trim());
                            }
                        }
                        break;
                    case "--jvm-arg":
                        options.jvmArgs.add(value(args, ++i, arg));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (!options.help && options.context == null) {
                throw new IllegalArgumentException("--context <class> is required");
            }
            options.rules();
            return options;
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        TckEnvironment environment() {
            return timeFactor == null ? TckEnvironment.fromSystem() : TckEnvironment.withTimeFactor(timeFactor);
        }

        Set<Rule> rules() {
            if (rulePatterns.isEmpty()) {
                return EnumSet.allOf(Rule.class);
            }
            Set<Rule> selected = EnumSet.noneOf(Rule.class);
            for (String pattern : rulePatterns) {
                boolean matched = false;
                for (Rule rule : Rule.values()) {
                    if (rule.id().equals(pattern) || rule.id().startsWith(pattern + "-")
                            || rule.id().startsWith(pattern)) {
                        selected.add(rule);
                        matched = true;
                    }
                }
                if (!matched) {
                    throw new IllegalArgumentException("--rules: no rule matches '" + pattern + "'");
                }
            }
            return selected;
        }
    }
}
