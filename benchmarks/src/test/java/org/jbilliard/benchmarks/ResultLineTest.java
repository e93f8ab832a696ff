package org.jbilliard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result lines exactly as rawpipe.c and billiard_bench.py print them. */
class ResultLineTest {

    @Test
    void parsesTheRawPipeFramesLine() {
        Map<String, String> fields = ResultLine.parse(
                "RESULT mode=frames frame_bytes=9 msgs=1000000 bytes=9000000 seconds=1.522600606\n");
        assertThat(fields).containsEntry("mode", "frames").containsEntry("frame_bytes", "9");
        assertThat(RawPipeBaseline.throughput(fields, 1_000_000)).isCloseTo(656_771.6, within(1.0));
    }

    @Test
    void parsesTheRawPipePingPongLine() {
        Map<String, String> fields = ResultLine.parse(
                "RESULT mode=pingpong frame_bytes=9 round_trips=20000 p50_us=22.072 p99_us=73.571");
        assertThat(ResultLine.number(fields, "p50_us")).isEqualTo(22.072);
        assertThat(ResultLine.number(fields, "p99_us")).isEqualTo(73.571);
    }

    @Test
    void parsesTheBilliardThroughputLineAfterOtherOutput() {
        String output = "some warning from a child\nRESULT mode=throughput kind=queue msgs=200000 bytes=0"
                + " seconds=1.584571808\n";
        assertThat(BilliardBaseline.throughput(ResultLine.parse(output), 200_000)).isCloseTo(126_216.9, within(1.0));
    }

    @Test
    void takesTheLastResultLine() {
        assertThat(ResultLine.parse("RESULT a=1\nRESULT a=2\n")).containsEntry("a", "2");
    }

    @Test
    void aCountOtherThanTheOneAskedForIsAnError() {
        Map<String, String> fields = ResultLine.parse("RESULT mode=throughput kind=queue msgs=199999 bytes=0 seconds=1");
        assertThatThrownBy(() -> BilliardBaseline.throughput(fields, 200_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("199999");
        assertThatThrownBy(() -> RawPipeBaseline.throughput(fields, 200_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 200000");
    }

    @Test
    void missingOrMalformedResultsAreErrorsThatQuoteTheOutput() {
        assertThatThrownBy(() -> ResultLine.parse("Traceback: ModuleNotFoundError: No module named 'billiard'"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No module named 'billiard'");
        assertThatThrownBy(() -> ResultLine.parse("")).hasMessageContaining("(empty)");
        assertThatThrownBy(() -> ResultLine.parse("RESULT a=1 oops"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed field 'oops'");
        Map<String, String> fields = ResultLine.parse("RESULT p50_us=fast seconds=nan");
        assertThatThrownBy(() -> ResultLine.number(fields, "p50_us")).hasMessageContaining("not a number: 'fast'");
        assertThatThrownBy(() -> ResultLine.number(fields, "seconds")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ResultLine.number(fields, "p99_us")).hasMessageContaining("missing");
    }
}
