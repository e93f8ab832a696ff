package org.jbilliard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jbilliard.Context;
import org.jbilliard.SimpleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each example as its own JVM, as {@code java -jar jbilliard-examples.jar <name>} would, and
 * checks the printed lines: exactly where billiard's output is deterministic, as multisets and
 * happens-before pairs where processes interleave.
 */
class ExamplesTest {

    private static final double TIME_FACTOR = timeFactor();

    @TempDir
    Path scratch;

    private static double timeFactor() {
        String value = System.getProperty("jbilliard.timeFactor", System.getenv("JBILLIARD_TIME_FACTOR"));
        try {
            return value == null ? 1.0 : Math.max(1.0, Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    /** The examples need real queues; skipped, saying why, while the implementation lacks them. */
    private static void assumeQueuesImplemented() {
        boolean available;
        try {
            SimpleQueue<Object> probe = Context.load().simpleQueue();
            probe.close();
            available = true;
        } catch (UnsupportedOperationException e) {
            available = false;
        }
        assumeTrue(available, "the reference pipe queues are not implemented yet (PipeQueues throws"
                + " UnsupportedOperationException): the examples can be compiled but not run");
    }

    /** An example's run: exit status and the printed lines. */
    private record Run(int exitStatus, List<String> lines, String text) {
        int indexOf(String line) {
            int index = lines.indexOf(line);
            assertThat(index).as("line '%s' in:%n%s", line, text).isGreaterThanOrEqualTo(0);
            return index;
        }
    }

    private Run run(String example) throws IOException, InterruptedException {
        Path output = scratch.resolve(example + ".out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), Examples.class.getName(), example);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            long bound = (long) (60_000 * TIME_FACTOR);
            boolean exited = process.waitFor(bound, TimeUnit.MILLISECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as("'%s' finished within %d ms; output so far:%n%s", example, bound, text).isTrue();
            return new Run(process.exitValue(), text.lines().toList(), text);
        } finally {
            // Kills the example's JVM if it hung; its children follow it (they watch their parent).
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownExampleGetsUsage() throws Exception {
        Run run = run("no-such-example");
        assertThat(run.exitStatus()).isEqualTo(2);
        assertThat(run.text()).contains("usage:").contains("producer-consumer").contains("joinable")
                .contains("simple").contains("exceptions");
    }

    @Test
    void exceptionsPrintsBilliardsLinesInOrder() throws Exception {
        assumeQueuesImplemented();
        Run run = run("exceptions");
        assertThat(run.exitStatus()).as(run.text()).isZero();
        assertThat(run.lines()).containsExactly(
                "Queue filled",
                "Queue is full!",
                "Item: item1",
                "Item: item2",
                "Queue emptied",
                "Queue is empty!",
                "Got with timeout: timeout_test",
                "Get operation timed out");
    }

    @Test
    void producerConsumerConsumesEveryItemOnceAfterItWasProduced() throws Exception {
        assumeQueuesImplemented();
        Run run = run("producer-consumer");
        assertThat(run.exitStatus()).as(run.text()).isZero();
        assertThat(run.lines().subList(0, 3)).as(run.text())
                .containsExactly("Queue size: 0", "Queue empty: true", "Queue full: false");
        List<String> produced = IntStream.range(0, 10).mapToObj(i -> "Producing: " + i).toList();
        assertThat(run.lines().stream().filter(l -> l.startsWith("Producing: ")).toList()).as(run.text())
                .containsExactlyElementsOf(produced);
        Pattern consumed = Pattern.compile("Consumer ([12]) consumed: (\\d+)");
        List<Integer> items = new ArrayList<>();
        for (String line : run.lines()) {
            Matcher matcher = consumed.matcher(line);
            if (matcher.matches()) {
                int item = Integer.parseInt(matcher.group(2));
                items.add(item);
                assertThat(run.indexOf("Producing: " + item)).as("produced before consumed: %s", line)
                        .isLessThan(run.lines().indexOf(line));
            }
        }
        boolean timedOut = run.lines().stream().anyMatch(l -> l.matches("Consumer [12] timed out"));
        assertThat(items).as("no item consumed twice:%n%s", run.text()).doesNotHaveDuplicates();
        if (!timedOut) {
            assertThat(items).as("every item consumed:%n%s", run.text())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
        }
        assertThat(run.lines()).as(run.text()).allMatch(l -> l.startsWith("Queue ") || l.startsWith("Producing: ")
                || consumed.matcher(l).matches() || l.matches("Consumer [12] timed out"));
    }

    @Test
    void joinableProcessesEveryTaskBeforeTheProducerSeesThemCompleted() throws Exception {
        assumeQueuesImplemented();
        Run run = run("joinable");
        assertThat(run.exitStatus()).as(run.text()).isZero();
        List<String> tasks = List.of("task1", "task2", "task3", "task4", "task5");
        List<String> expected = new ArrayList<>();
        for (String task : tasks) {
            expected.add("Adding task: " + task);
            expected.add("Processing " + task + "...");
            expected.add("Completed " + task);
        }
        expected.add("Waiting for all tasks to complete...");
        expected.add("All tasks completed!");
        assertThat(run.lines()).as(run.text()).containsExactlyInAnyOrderElementsOf(expected);
        int allCompleted = run.indexOf("All tasks completed!");
        for (String task : tasks) {
            int added = run.indexOf("Adding task: " + task);
            int processing = run.indexOf("Processing " + task + "...");
            int completed = run.indexOf("Completed " + task);
            assertThat(added).as("%s added before processing:%n%s", task, run.text()).isLessThan(processing);
            assertThat(processing).as("%s processed before completed:%n%s", task, run.text()).isLessThan(completed);
            assertThat(completed).as("%s completed before join returned:%n%s", task, run.text()).isLessThan(allCompleted);
        }
        assertThat(run.indexOf("Waiting for all tasks to complete...")).isLessThan(allCompleted);
    }

    @Test
    void simpleWorkersGetEveryItemOnce() throws Exception {
        assumeQueuesImplemented();
        Run run = run("simple");
        assertThat(run.exitStatus()).as(run.text()).isZero();
        Pattern got = Pattern.compile("Worker ([12]) got: ([A-D])");
        assertThat(run.lines()).as(run.text()).allMatch(l -> got.matcher(l).matches());
        assertThat(run.lines().stream().map(l -> l.substring(l.length() - 1)).collect(Collectors.toList()))
                .as(run.text()).containsExactlyInAnyOrder("A", "B", "C", "D");
    }
}
