package org.jbilliard.launcher;

import org.jbilliard.Context;
import org.jbilliard.TaskProcess;

/** Run by {@link LaunchFromJarTest} with {@code java -jar}: starts a child and reports on it. */
public final class JarLaunchMain {

    private JarLaunchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("parent class path " + System.getProperty("java.class.path"));
        try (TaskProcess child = Context.load().process(() -> System.out.println("child ran from " + JarLaunchMain.class.getSimpleName()))) {
            child.start();
            child.join();
            System.out.println("child exit " + child.exitCode().orElseThrow());
        }
    }
}
