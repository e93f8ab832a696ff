package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.summarize(List.of(5.0, 1.0, 3.0, 9.0, 7.0))).isEqualTo(new Summary(5.0, 1.0, 9.0, 5));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.summarize(List.of(4.0, 1.0, 2.0, 10.0))).isEqualTo(new Summary(3.0, 1.0, 10.0, 4));
    }

    @Test
    void aSingleValueIsItsOwnMedianMinAndMax() {
        assertThat(Stats.summarize(List.of(42.0))).isEqualTo(new Summary(42.0, 42.0, 42.0, 1));
    }

    @Test
    void percentilesAreNearestRank() {
        double[] oneToHundred = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();
        assertThat(Stats.percentile(oneToHundred, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(oneToHundred, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(oneToHundred, 100)).isEqualTo(100.0);
        assertThat(Stats.percentile(new double[] {3, 1, 2}, 50)).isEqualTo(2.0);
        assertThat(Stats.percentile(new double[] {3, 1, 2}, 99)).isEqualTo(3.0);
        assertThat(Stats.percentile(new double[] {7}, 1)).isEqualTo(7.0);
    }

    @Test
    void percentileDoesNotReorderTheCallersSamples() {
        double[] samples = {3, 1, 2};
        Stats.percentile(samples, 50);
        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void emptyInputNanAndBadPercentsAreRejected() {
        assertThatThrownBy(() -> Stats.summarize(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no values");
        assertThatThrownBy(() -> Stats.summarize(List.of(1.0, Double.NaN))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}
