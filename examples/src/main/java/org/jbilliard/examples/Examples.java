package org.jbilliard.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one of the examples by name: {@code java -jar jbilliard-examples.jar <name>}.
 *
 * <p>Exit status 2 with a usage message for an unknown or missing name.
 */
public final class Examples {

    /** An example's main method. */
    @FunctionalInterface
    interface Example {
        void run() throws Exception;
    }

    static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("producer-consumer", ProducerConsumerExample::main);
        EXAMPLES.put("joinable", JoinableExample::main);
        EXAMPLES.put("simple", SimpleExample::main);
        EXAMPLES.put("exceptions", ExceptionsExample::main);
    }

    private Examples() {
    }

    /**
     * Runs the example named by the first argument.
     *
     * @param args the example's name
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        Example example = args.length == 1 ? EXAMPLES.get(args[0]) : null;
        if (example == null) {
            System.err.println("usage: java -jar jbilliard-examples.jar <example>, one of " + EXAMPLES.keySet());
            System.exit(2);
            return;
        }
        example.run();
    }
}
