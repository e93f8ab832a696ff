package org.jbilliard.parity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conformance run's result: the TCK's rules and the parity scenarios' verdicts, with the
 * environment they ran in. {@link #toJson()} is {@code report.json}; {@link ReportWriter} renders
 * the other formats from the same data.
 *
 * <p>The run fails ({@link #failures()} non-empty) on a failed required rule, a TCK that errored or did
 * not report (unless explicitly allowed), an undocumented difference or an error in a scenario, a
 * deviation naming no scenario, or scenarios skipped for want of billiard (unless explicitly allowed).
 * Its {@link #verdict()} is {@link #NOT_VERIFIED}, never {@link #PASSED}, when the TCK or billiard did not
 * run, allowed or not. A stale deviation is reported but does not fail the run.
 *
 * <p><b>Thread-safety.</b> Immutable after construction.
 */
public final class ConformanceReport {

    private final String implementation;
    private final Map<String, Object> environment;
    private final TckResult tck;
    private final boolean tckRequired;
    private final ParityRun.Outcome parity;
    private final Map<String, Deviation> deviations;
    private final boolean billiardRequired;
    private PythonClientParity pythonClient;

    /** {@link #verdict()}: everything ran and nothing failed. */
    public static final String PASSED = "PASSED";
    /** {@link #verdict()}: something failed. */
    public static final String FAILED = "FAILED";
    /** {@link #verdict()}: nothing failed, but a half of the run did not run (no billiard, no TCK). */
    public static final String NOT_VERIFIED = "NOT VERIFIED";

    /**
     * Creates a report whose parity half must have run: scenarios skipped for want of billiard fail it.
     *
     * @param implementation the implementation's name
     * @param environment    java, os, python, billiard, …
     * @param tck            the TCK half
     * @param tckRequired    whether a TCK without report fails the run
     * @param parity         the parity half
     * @param deviations     the documented deviations
     */
    public ConformanceReport(String implementation, Map<String, Object> environment, TckResult tck,
                             boolean tckRequired, ParityRun.Outcome parity, Map<String, Deviation> deviations) {
        this(implementation, environment, tck, tckRequired, parity, deviations, true);
    }

    /**
     * Creates a report.
     *
     * @param implementation   the implementation's name
     * @param environment      java, os, python, billiard, …
     * @param tck              the TCK half
     * @param tckRequired      whether a TCK without report fails the run
     * @param parity           the parity half
     * @param deviations       the documented deviations
     * @param billiardRequired whether scenarios skipped for want of billiard fail the run (else the run is
     *                         {@link #NOT_VERIFIED} and exits 0)
     */
    public ConformanceReport(String implementation, Map<String, Object> environment, TckResult tck,
                             boolean tckRequired, ParityRun.Outcome parity, Map<String, Deviation> deviations,
                             boolean billiardRequired) {
        this.billiardRequired = billiardRequired;
        this.implementation = implementation;
        this.environment = environment;
        this.tck = tck;
        this.tckRequired = tckRequired;
        this.parity = parity;
        this.deviations = deviations;
    }

    /**
     * Adds the Python client's half (see {@link PythonClientParity}); call once, before the report is read.
     *
     * @param half the half, never {@code null}
     * @return this report
     */
    public ConformanceReport withPythonClient(PythonClientParity half) {
        this.pythonClient = java.util.Objects.requireNonNull(half, "half");
        return this;
    }

    /** @return the Python client's half, or {@code null} if it was not requested */
    public PythonClientParity pythonClient() {
        return pythonClient;
    }

    /**
     * Counts the Python client's scenarios with a status.
     *
     * @param status the status
     * @return how many (0 without the half)
     */
    public long pythonScenarios(String status) {
        return pythonVerdicts().stream().filter(v -> v.status().equals(status)).count();
    }

    /** @return the Python client's verdicts, empty if it did not run */
    public List<Verdict> pythonVerdicts() {
        return pythonClient == null || pythonClient.outcome() == null ? List.of() : pythonClient.outcome().verdicts();
    }

    /** @return the implementation's name */
    public String implementation() {
        return implementation;
    }

    /** @return the environment */
    public Map<String, Object> environment() {
        return environment;
    }

    /** @return the TCK half */
    public TckResult tck() {
        return tck;
    }

    /** @return the parity half */
    public ParityRun.Outcome parity() {
        return parity;
    }

    /** @return the documented deviations */
    public Map<String, Deviation> deviations() {
        return deviations;
    }

    /**
     * Counts scenarios with a status.
     *
     * @param status the status
     * @return how many
     */
    public long scenarios(String status) {
        return parity.verdicts().stream().filter(v -> v.status().equals(status)).count();
    }

    /**
     * Returns the stale deviations: documented, yet the scenario agrees.
     *
     * @return their scenario ids
     */
    public List<String> stale() {
        return parity.verdicts().stream().filter(Verdict::stale).map(v -> v.scenario().id()).toList();
    }

    /**
     * Returns what was not verified: a half of the run that did not run, with the reason.
     *
     * @return one line per half; empty when both ran
     */
    public List<String> notVerified() {
        List<String> reasons = new ArrayList<>();
        if (tck.status().equals("missing")) {
            reasons.add("TCK " + tck.status() + ": " + tck.message());
        }
        long skipped = scenarios("skipped");
        if (skipped > 0) {
            String why = parity.verdicts().stream().filter(v -> v.status().equals("skipped")).map(Verdict::detail)
                    .findFirst().orElse("");
            reasons.add("parity: " + skipped + " of " + parity.verdicts().size() + " scenarios skipped: " + why);
        } else if (parity.verdicts().isEmpty()) {
            reasons.add("parity: no scenario was run");
        }
        if (pythonClient != null && pythonClient.notRun() != null) {
            reasons.add("python client: not run: " + pythonClient.notRun());
        } else if (pythonClient != null && pythonScenarios("skipped") > 0) {
            reasons.add("python client: " + pythonScenarios("skipped") + " scenarios skipped (billiard unavailable)");
        }
        return reasons;
    }

    /**
     * Returns the verdict: {@link #FAILED} if anything failed, else {@link #NOT_VERIFIED} if a half did not
     * run, else {@link #PASSED}. A run whose scenarios were all skipped is never PASSED.
     *
     * @return the verdict
     */
    public String verdict() {
        if (!problems().isEmpty()) {
            return FAILED;
        }
        return notVerified().isEmpty() ? PASSED : NOT_VERIFIED;
    }

    /**
     * Returns why the run fails (its exit status is 1 when this is not empty): what failed, and what was not
     * verified unless that was allowed ({@code --allow-missing-tck}, {@code --allow-missing-billiard}).
     *
     * @return one line per reason; empty when the run passes
     */
    public List<String> failures() {
        List<String> reasons = new ArrayList<>(problems());
        for (String reason : notVerified()) {
            boolean allowed = reason.startsWith("TCK ") ? !tckRequired : !billiardRequired;
            if (!allowed) {
                reasons.add(reason);
            }
        }
        return reasons;
    }

    /** What failed, as opposed to what did not run. */
    private List<String> problems() {
        List<String> reasons = new ArrayList<>();
        if (tck.status().equals("error")) {
            reasons.add("TCK " + tck.status() + ": " + tck.message());
        }
        long requiredFailed = tck.count("failed", "required");
        if (requiredFailed > 0) {
            reasons.add(requiredFailed + " required TCK rule(s) failed");
        }
        if (tck.status().equals("ran") && tck.exitCode() != null && tck.exitCode() != 0 && requiredFailed == 0) {
            reasons.add("the TCK exited with " + tck.exitCode());
        }
        for (Verdict v : parity.verdicts()) {
            if (v.failing()) {
                reasons.add("scenario " + v.scenario().id() + ": " + v.status() + " — " + v.detail());
            }
        }
        for (String d : parity.unknownDeviations()) {
            reasons.add("deviations.json names unknown scenario " + d);
        }
        for (Verdict v : pythonVerdicts()) {
            if (v.failing()) {
                reasons.add("python client scenario " + v.scenario().id() + ": " + v.status() + " — " + v.detail());
            }
        }
        if (pythonClient != null && pythonClient.outcome() != null) {
            for (String d : pythonClient.outcome().unknownDeviations()) {
                reasons.add(PythonClientParity.DEVIATIONS + " names unknown scenario " + d);
            }
        }
        return reasons;
    }

    /**
     * Returns {@code report.json}'s content.
     *
     * @return the JSON object
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("implementation", implementation);
        json.put("environment", environment);
        Map<String, Object> tckJson = new LinkedHashMap<>();
        tckJson.put("status", tck.status());
        tckJson.put("message", tck.message());
        tckJson.put("exitCode", tck.exitCode());
        tckJson.put("tally", tck.status().equals("ran") ? tck.describeTally() : null);
        json.put("tck", tckJson);
        json.put("rules", tck.rules());
        List<Object> scenarios = new ArrayList<>();
        for (Verdict v : parity.verdicts()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", v.scenario().id());
            s.put("title", v.scenario().title());
            s.put("rows", v.scenario().rows());
            s.put("seed", v.scenario().seed());
            s.put("status", v.status());
            s.put("detail", v.detail());
            s.put("stale", v.stale());
            s.put("differing", v.differing());
            s.put("billiard", v.billiard());
            s.put("jbilliard", v.jbilliard());
            s.put("billiardMillis", v.pythonMillis());
            s.put("jbilliardMillis", v.javaMillis());
            scenarios.add(s);
        }
        json.put("scenarios", scenarios);
        List<Object> devs = new ArrayList<>();
        for (Deviation d : deviations.values().stream().sorted(java.util.Comparator.comparing(Deviation::scenario)).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", d.scenario());
            m.put("row", d.row());
            m.put("reason", d.reason());
            devs.add(m);
        }
        json.put("deviations", devs);
        if (pythonClient != null) {
            Map<String, Object> py = new LinkedHashMap<>();
            py.put("environment", pythonClient.environment());
            py.put("notRun", pythonClient.notRun());
            List<Object> pyScenarios = new ArrayList<>();
            for (Verdict v : pythonVerdicts()) {
                Map<String, Object> sc = new LinkedHashMap<>();
                sc.put("id", v.scenario().id());
                sc.put("status", v.status());
                sc.put("detail", v.detail());
                sc.put("stale", v.stale());
                sc.put("differing", v.differing());
                sc.put("billiard", v.billiard());
                sc.put("python", v.jbilliard());
                sc.put("billiardMillis", v.pythonMillis());
                sc.put("pythonMillis", v.javaMillis());
                pyScenarios.add(sc);
            }
            py.put("scenarios", pyScenarios);
            Map<String, Object> tally = new LinkedHashMap<>();
            for (String st : List.of("agree", "deviation", "differ", "skipped", "error")) {
                tally.put(st, pythonScenarios(st));
            }
            py.put("summary", tally);
            json.put("pythonClient", py);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rules", tck.rules().size());
        summary.put("rulesPassed", tck.count("passed", null));
        summary.put("rulesFailed", tck.count("failed", null));
        summary.put("rulesNotVerified", tck.count("not-verified", null));
        summary.put("requiredFailed", tck.count("failed", "required"));
        summary.put("scenarios", parity.verdicts().size());
        for (String s : List.of("agree", "deviation", "differ", "skipped", "error")) {
            summary.put(s, scenarios(s));
        }
        summary.put("staleDeviations", stale());
        summary.put("verdict", verdict().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        summary.put("passed", verdict().equals(PASSED));
        summary.put("failures", failures());
        summary.put("notVerified", notVerified());
        json.put("summary", summary);
        return json;
    }
}
