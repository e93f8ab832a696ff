/**
 * The Python parity harness and the conformance run.
 *
 * <p>A {@link org.jbilliard.parity.Scenario} (a JSON file under {@code scenarios/}) names queues,
 * processes and their steps. Two runners interpret the same steps: {@link org.jbilliard.parity.PythonRunner}
 * on Python billiard (the script {@code jbilliard_parity/runner.py}) and
 * {@link org.jbilliard.parity.JavaRunner} on a jbilliard {@link org.jbilliard.Context}. Each returns a
 * {@link org.jbilliard.parity.RawResult}: per-process traces of neutral outcomes (values in the
 * cross-language form of {@link org.jbilliard.parity.Values}, exceptions as
 * {@link org.jbilliard.parity.Categories}). {@link org.jbilliard.parity.Views} normalises both the same
 * way (multisets, per-producer order), {@link org.jbilliard.parity.Comparison} judges against the
 * documented {@link org.jbilliard.parity.Deviation}s, and {@link org.jbilliard.parity.ConformanceMain}
 * adds the TCK's verdicts and writes the reports through {@link org.jbilliard.parity.ReportWriter}.
 *
 * <p>Design choices: normalisation and judgement happen once, in Java, on data both runners produce
 * in the same shape, so the Python script only observes. Every wait is bounded (per step, per
 * scenario, per Python process group), because several scenarios exercise billiard's known hangs.
 */
package org.jbilliard.parity;
