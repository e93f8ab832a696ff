package org.jbilliard.parity;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one scenario: both runs, their views, and the judgement.
 *
 * <p><b>Thread-safety.</b> Immutable; nothing blocks.
 *
 * @param scenario   the scenario
 * @param status     {@code agree}, {@code deviation}, {@code differ}, {@code skipped} or {@code error}
 * @param detail     one human sentence saying why
 * @param differing  the names of the views that differ
 * @param billiard   billiard's views (empty if it did not complete)
 * @param jbilliard  jbilliard's views (empty if it did not complete)
 * @param deviation  the documented deviation, or {@code null}
 * @param stale      whether a documented deviation no longer differs
 * @param pythonMillis how long billiard took
 * @param javaMillis   how long jbilliard took
 */
public record Verdict(Scenario scenario, String status, String detail, List<String> differing,
                      Map<String, Object> billiard, Map<String, Object> jbilliard, Deviation deviation,
                      boolean stale, long pythonMillis, long javaMillis) {

    /**
     * Returns whether this verdict fails the run.
     *
     * @return {@code true} for {@code differ} and {@code error}
     */
    public boolean failing() {
        return status.equals("differ") || status.equals("error");
    }
}
