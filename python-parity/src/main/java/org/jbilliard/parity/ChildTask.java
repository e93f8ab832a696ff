package org.jbilliard.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jbilliard.Task;

/**
 * The body of a scenario's child process: interprets the child's steps in the child, appending one
 * JSON line per recorded step to a trace file that the parent reads after the child has ended (a
 * killed child leaves every line it completed).
 *
 * <p>Serialized to the child with the queue handles it captures; the steps travel as JSON text.
 * <b>Thread-safety:</b> runs once, in the child's task thread; it blocks as its steps do, each bounded.
 */
final class ChildTask implements Task {
    private static final long serialVersionUID = 1L;

    private final String stepsJson;
    private final HashMap<String, Object> queues;
    private final String traceFile;
    private final long stepBoundNanos;

    /**
     * @param steps     the child's steps
     * @param queues    queue name to handle; the handles must be serializable by the context
     * @param traceFile where to append the trace
     * @param stepBound the default bound of a step
     */
    ChildTask(List<Object> steps, Map<String, Object> queues, Path traceFile, Duration stepBound) {
        this.stepsJson = Json.write(steps);
        this.queues = new HashMap<>(queues);
        this.traceFile = traceFile.toString();
        this.stepBoundNanos = stepBound.toNanos();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run() throws IOException {
        List<Object> steps = (List<Object>) Json.parse(stepsJson);
        try (Writer out = Files.newBufferedWriter(Path.of(traceFile), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            StepInterpreter interpreter = new StepInterpreter(queues, Map.of(), entry -> {
                try {
                    out.write(Json.write(entry));
                    out.write('\n');
                    // Flushed per step: a killed child keeps what it did.
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Duration.ofNanos(stepBoundNanos));
            interpreter.run(steps);
        }
    }
}
