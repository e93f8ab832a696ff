package org.jbilliard.parity;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jbilliard.Context;

/**
 * The conformance run: the TCK (through its command-line jar, in a child JVM) and the parity
 * scenarios against one {@link Context}, with the reports written to one directory. Exits 0 when the
 * implementation conforms, 1 when it does not (see {@link ConformanceReport#failures()}), 2 on a
 * usage error.
 *
 * <pre>
 * java -cp … org.jbilliard.parity.ConformanceMain [--context CLASS] [--tck-jar JAR] [--no-tck]
 *      [--allow-missing-tck] [--allow-missing-billiard] [--report-dir DIR] [--only REGEX]
 *      [--python-client DIR] [--tck-jvm-arg=ARG]
 * </pre>
 * Options with a value may also be written {@code --name=value}; an empty value means "not given".
 * {@code --context} defaults to {@link Context#load()}; {@code --report-dir} to
 * {@code target/conformance}. Without {@code --tck-jar}, or with a jar that does not exist, the TCK
 * is reported as missing (a failure unless {@code --allow-missing-tck}). Without billiard every scenario
 * is skipped and the verdict is NOT VERIFIED, which fails the run unless {@code --allow-missing-billiard}
 * (with {@code CI=true} the scenarios are errors instead). With {@code --python-client DIR} (the repository's
 * {@code python} directory) the scenarios run a second time, on the jbilliard Python client against billiard
 * ({@link PythonClientParity}), reported in a section of their own. The closing summary is the last thing printed.
 *
 * <p><b>Thread-safety.</b> A command-line entry point: runs once, in the calling thread; it blocks
 * for the TCK (at most 30 minutes) and for each scenario (at most its bound, twice, plus clean-up).
 */
public final class ConformanceMain {

    private ConformanceMain() {
    }

    /**
     * Runs the conformance run and exits.
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("conformance: " + e.getMessage());
            code = 2;
        }
        System.out.flush();
        // NOTE: exit explicitly: abandoned step threads of a hung implementation must not keep the JVM alive.
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) {
        Map<String, String> opts = options(args);
        Context context = loadContext(opts.get("context"));
        Path reportDir = Path.of(opts.getOrDefault("report-dir", "target/conformance")).toAbsolutePath().normalize();
        double factor = TimeFactor.get();
        Duration stepBound = Duration.ofSeconds(30);
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create " + reportDir + ": " + e.getMessage());
        }
        out.println("jbilliard conformance run: " + context.name() + " (" + context.getClass().getName() + "), reports in "
                + reportDir);

        TckResult tck = opts.containsKey("no-tck")
                ? TckResult.absent("missing", "not run (--no-tck)", null)
                : runTck(opts.get("tck-jar"), context.getClass().getName(), opts.get("tck-jvm-arg"),
                        reportDir.resolve("tck"), factor, out);

        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        environment.put("context", context.getClass().getName());
        environment.put("features", new TreeSet<>(context.features().stream().map(Enum::name).toList()));
        environment.put("timeFactor", factor);
        environment.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());

        List<Scenario> scenarios = ScenarioLibrary.load();
        if (opts.containsKey("only")) {
            Pattern only = Pattern.compile(opts.get("only"));
            scenarios = scenarios.stream().filter(s -> only.matcher(s.id()).find()).toList();
        }
        Map<String, Deviation> deviations = Deviation.parseAll(ScenarioLibrary.resource("deviations.json"));
        if (opts.containsKey("only")) {
            // Judge only the selected scenarios, but still report deviations that name no scenario at all.
            Set<String> all = ScenarioLibrary.load().stream().map(Scenario::id).collect(Collectors.toSet());
            Set<String> selected = scenarios.stream().map(Scenario::id).collect(Collectors.toSet());
            deviations = deviations.entrySet().stream()
                    .filter(e -> selected.contains(e.getKey()) || !all.contains(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        List<String> python = PythonRunner.defaultCommand();
        ParityRun.Outcome parity;
        try (PythonRunner billiard = new PythonRunner(python, stepBound, factor)) {
            Map<String, Object> probe = billiard.probe();
            environment.put("python", probe.getOrDefault("python", "unavailable") + " (" + String.join(" ", python) + ")");
            environment.put("billiard", probe.get("billiard") == null ? "missing" : probe.get("billiard"));
            String missing = probe.get("billiard") != null ? null
                    : String.valueOf(probe.getOrDefault("error", "billiard is not importable"));
            if (missing != null) {
                out.println((ci ? "ERROR" : "WARNING") + ": billiard unavailable under " + String.join(" ", python) + " ("
                        + missing + "); install it: " + PythonRunner.INSTALL_HINT);
            }
            out.println("parity: " + scenarios.size() + " scenarios, billiard vs " + context.name());
            parity = ParityRun.run(scenarios, missing == null ? billiard : null, missing, ci,
                    new JavaRunner(context, stepBound, factor), deviations, out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot prepare the Python runner: " + e.getMessage());
        }
        ConformanceReport report = new ConformanceReport(context.name(), environment, tck,
                !opts.containsKey("allow-missing-tck"), parity, deviations, !opts.containsKey("allow-missing-billiard"));
        if (opts.containsKey("python-client")) {
            report.withPythonClient(PythonClientParity.run(Path.of(opts.get("python-client")), python, stepBound, factor,
                    scenarios, deviations, ci, out));
        }
        try {
            ReportWriter.writeAll(report, reportDir);
        } catch (IOException e) {
            out.println("cannot write the reports: " + e);
            return 1;
        }
        // The summary is the last thing the run prints, so that a CI log ends with the verdict.
        out.println();
        out.print(ReportWriter.summary(report, reportDir));
        out.flush();
        return report.failures().isEmpty() ? 0 : 1;
    }

    private static TckResult runTck(String jar, String contextClass, String jvmArg, Path dir, double factor,
            PrintStream out) {
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            return TckResult.absent("missing", jar == null ? "no TCK jar given (--tck-jar)"
                    : "TCK jar not found: " + jar + " (build the tck module first)", null);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-jar");
        cmd.add(jar);
        cmd.add("--context");
        cmd.add(contextClass);
        cmd.add("--classpath");
        cmd.add(String.join(File.pathSeparator, classPathWithout(jar)));
        cmd.add("--report");
        cmd.add(dir.toString());
        cmd.add("--time-factor");
        cmd.add(Double.toString(factor));
        if (jvmArg != null) {
            // for the TCK's JVM only: the parity scenarios keep the implementation's defaults
            cmd.add("--jvm-arg");
            cmd.add(jvmArg);
        }
        out.println("TCK: " + String.join(" ", cmd.subList(0, 6)) + " --classpath … --report " + dir);
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            p.getOutputStream().close();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                PythonRunner.killGroup(p);
                return TckResult.absent("error", "the TCK did not finish within 30 minutes", null);
            }
            return TckResult.read(dir, p.exitValue());
        } catch (IOException e) {
            return TckResult.absent("error", "cannot run the TCK: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TckResult.absent("error", "interrupted", null);
        }
    }

    private static List<String> classPathWithout(String jar) {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank() && !Path.of(e).toAbsolutePath().equals(Path.of(jar).toAbsolutePath())) {
                entries.add(e);
            }
        }
        return entries;
    }

    private static Context loadContext(String className) {
        if (className == null || className.isBlank()) {
            try {
                return Context.load();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException(e.getMessage() + " (or name one with --context CLASS)", e);
            }
        }
        try {
            return (Context) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("cannot instantiate Context " + className + ": its constructor threw "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalArgumentException("cannot instantiate Context " + className + ": " + e, e);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                String value = a.substring(eq + 1);
                String name = a.substring(2, eq);
                if (List.of("no-tck", "allow-missing-tck", "allow-missing-billiard").contains(name)) {
                    // a flag written --flag=true|false, as a Maven property passes it
                    if (Boolean.parseBoolean(value.strip())) {
                        opts.put(name, "true");
                    }
                    continue;
                }
                // An empty or unset Maven property arrives as "" or literally; treat it as absent.
                if (!value.isBlank() && !value.startsWith("${")) {
                    opts.put(name, value);
                }
                continue;
            }
            switch (a) {
                case "--no-tck", "--allow-missing-tck", "--allow-missing-billiard" -> opts.put(a.substring(2), "true");
                case "--context", "--tck-jar", "--report-dir", "--only", "--python-client" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    String value = args[++i];
                    // An unset Maven property arrives literally; treat it as absent.
                    if (!value.isBlank() && !value.startsWith("${")) {
                        opts.put(a.substring(2), value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + a
                        + "; usage: [--context CLASS] [--tck-jar JAR] [--no-tck] [--allow-missing-tck]"
                        + " [--allow-missing-billiard]"
                        + " [--report-dir DIR] [--only REGEX] [--python-client DIR] [--tck-jvm-arg=ARG]");
            }
        }
        return opts;
    }
}
