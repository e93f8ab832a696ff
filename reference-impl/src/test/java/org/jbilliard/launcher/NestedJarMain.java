package org.jbilliard.launcher;

import org.jbilliard.Context;
import org.jbilliard.TaskProcess;

/**
 * The application of {@link ChildStartFailureTest}'s Spring Boot jar: starts a child and prints
 * whether {@code process()} refused it.
 */
public final class NestedJarMain {

    private NestedJarMain() {
    }

    /**
     * Starts one child.
     *
     * @param args ignored
     * @throws Exception if the child cannot be joined
     */
    public static void main(String[] args) throws Exception {
        Context ctx = Context.load();
        try (TaskProcess p = ctx.process(() -> System.out.println("child ran"))) {
            p.start();
            p.join();
            System.out.println("not refused: exit " + p.exitCode() + " " + p.failure());
        } catch (IllegalArgumentException refused) {
            System.out.println("refused: " + refused.getMessage());
        }
    }
}
