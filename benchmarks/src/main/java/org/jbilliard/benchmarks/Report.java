package org.jbilliard.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * Everything a run produced, as the writers need it.
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param environment machine, JDK, billiard version, date and command, in display order
 * @param notes       remarks on how the run was made (quick mode, noise), one sentence each
 * @param results     the figures
 * @param ratios      jbilliard against the other implementations
 * @param verdicts    the targets, judged
 * @param failures    what could not be measured
 */
public record Report(Map<String, String> environment, List<String> notes, List<Result> results,
                     List<Ratio> ratios, List<Target.Verdict> verdicts, List<Failure> failures) {

    /**
     * Assembles a report from a run.
     *
     * @param environment the environment
     * @param notes       the notes
     * @param resultSet   the run's figures
     * @return the report
     */
    public static Report of(Map<String, String> environment, List<String> notes, ResultSet resultSet) {
        return new Report(environment, notes, resultSet.results(), resultSet.ratios(),
                Target.goals().stream().map(t -> t.judge(resultSet)).toList(), resultSet.failures());
    }
}
