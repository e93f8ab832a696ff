package org.jbilliard.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ScenarioLibraryTest {

    private final List<Scenario> scenarios = ScenarioLibrary.load();

    @Test
    void atLeastFiftyScenariosWithUniqueIds() {
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(50);
        assertThat(scenarios.stream().map(Scenario::id).collect(Collectors.toSet())).hasSameSizeAs(scenarios);
    }

    @Test
    void theIndexListsEveryScenarioFile() throws IOException {
        Path dir = Path.of("src/main/resources/scenarios");
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> indexed = new TreeSet<>();
        for (Object f : Scenario.list(Json.parseObject(ScenarioLibrary.resource("scenarios/index.json")), "files")) {
            indexed.add((String) f);
        }
        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    void everyBehaviourRowIsCovered() {
        Set<Integer> covered = scenarios.stream().flatMap(s -> s.rows().stream()).collect(Collectors.toSet());
        assertThat(covered).containsAll(IntStream.rangeClosed(1, 24).boxed().toList());
    }

    @Test
    void theSeedsFourExamplesAndEverySeedMemberAreCovered() {
        assertThat(scenarios).extracting(Scenario::id)
                .contains("seed-example-queue", "seed-example-joinable", "seed-example-simple", "seed-example-exceptions");
        Set<String> seed = scenarios.stream().flatMap(s -> s.seed().stream()).collect(Collectors.toSet());
        assertThat(seed).contains("Queue()", "Queue(maxsize)", "Queue.put", "Queue.put(block)", "Queue.put(timeout)",
                "Queue.get", "Queue.get(block)", "Queue.get(timeout)", "Queue.put_nowait", "Queue.get_nowait",
                "Queue.qsize", "Queue.empty", "Queue.full", "Queue.close", "Queue.join_thread",
                "Queue.cancel_join_thread", "JoinableQueue()", "JoinableQueue(maxsize)", "JoinableQueue.task_done",
                "JoinableQueue.join", "SimpleQueue()", "SimpleQueue.get", "SimpleQueue.put", "SimpleQueue.empty",
                "SimpleQueue.close", "SimpleQueue.get_payload", "SimpleQueue.send_payload", "Empty", "Full");
    }

    @Test
    void crossProcessAndKilledProcessCasesArePresent() {
        assertThat(scenarios.stream().filter(s -> s.processes().size() >= 2).count()).isGreaterThanOrEqualTo(8);
        assertThat(scenarios.stream().filter(s -> Json.write(s.raw()).contains("\"op\":\"kill\"")
                || Json.write(s.raw()).contains("\"op\":\"die\"")).count()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyDeviationNamesAScenarioAndARow() {
        Map<String, Deviation> deviations = Deviation.parseAll(ScenarioLibrary.resource("deviations.json"));
        Set<String> ids = scenarios.stream().map(Scenario::id).collect(Collectors.toSet());
        assertThat(ids).containsAll(deviations.keySet());
        for (Deviation d : deviations.values()) {
            assertThat(d.row()).isBetween(1, 24);
            Scenario s = scenarios.stream().filter(x -> x.id().equals(d.scenario())).findFirst().orElseThrow();
            assertThat(s.rows()).as("scenario %s covers the deviation's row", s.id()).contains(d.row());
            Set<String> views = Views.specs(s).stream().map(Scenario.ViewSpec::name).collect(Collectors.toSet());
            assertThat(views).as("views named by the deviation of %s", s.id()).containsAll(d.views());
            assertThat(views).containsAll(d.java().keySet());
        }
    }

    @Test
    void aTypoInAScenarioFailsWhenItIsLoaded() {
        assertThatThrownBy(() -> ScenarioLibrary.parseFile("x.json",
                "{\"scenarios\":[{\"id\":\"bad\",\"main\":[{\"op\":\"gett\",\"q\":\"q\"}]}]}"))
                .hasMessageContaining("scenario bad").hasMessageContaining("unknown op gett");
        assertThatThrownBy(() -> ScenarioLibrary.parseFile("x.json",
                "{\"scenarios\":[{\"id\":\"bad\",\"queues\":{\"q\":{}},\"main\":[{\"op\":\"get\",\"q\":\"r\"}]}]}"))
                .hasMessageContaining("unknown queue");
        assertThatThrownBy(() -> ScenarioLibrary.parseFile("x.json",
                "{\"scenarios\":[{\"id\":\"a\",\"main\":[]},{\"id\":\"a\",\"main\":[]}]}"))
                .hasMessageContaining("duplicate scenario id a");
    }
}
