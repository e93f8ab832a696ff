package org.jbilliard.parity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the scenarios shipped with the harness: {@code scenarios/index.json} on the class path names
 * the scenario files, each holding {@code {"scenarios": [...]}}.
 *
 * <p><b>Thread-safety.</b> Stateless. Reading blocks on class-path I/O only. A missing file, a
 * malformed scenario or a duplicate id throws {@link IllegalArgumentException} naming it.
 */
public final class ScenarioLibrary {

    private static final String INDEX = "scenarios/index.json";

    private ScenarioLibrary() {
    }

    /**
     * Loads every shipped scenario.
     *
     * @return the scenarios in index order
     */
    public static List<Scenario> load() {
        Map<String, Object> index = Json.parseObject(resource(INDEX));
        List<Scenario> all = new ArrayList<>();
        for (Object file : Scenario.list(index, "files")) {
            all.addAll(parseFile("scenarios/" + file, resource("scenarios/" + file)));
        }
        return all;
    }

    /**
     * Parses one scenario file.
     *
     * @param name the file's name, for messages
     * @param text its content
     * @return its scenarios
     */
    public static List<Scenario> parseFile(String name, String text) {
        Map<String, Object> json;
        try {
            json = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        List<Scenario> scenarios = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object s : Scenario.list(json, "scenarios")) {
            Scenario scenario = Scenario.parse(Scenario.asMap(s, name + " entry"));
            if (!ids.add(scenario.id())) {
                throw new IllegalArgumentException(name + ": duplicate scenario id " + scenario.id());
            }
            scenarios.add(scenario);
        }
        return scenarios;
    }

    static String resource(String name) {
        try (InputStream in = ScenarioLibrary.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
