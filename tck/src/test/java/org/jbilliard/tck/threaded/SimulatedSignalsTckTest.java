package org.jbilliard.tck.threaded;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.jbilliard.Context;
import org.jbilliard.tck.JbilliardTck;

/**
 * The positive control for the signal and crash-safety rules: the threaded context with simulated kills
 * passes every rule its features claim, including CRASH-*.
 */
class SimulatedSignalsTckTest extends JbilliardTck {

    @Override
    protected Context createContext() {
        return new ThreadedContext.SimulatedSignals();
    }

    @Override
    protected Path reportDirectory() {
        return Paths.get(System.getProperty(REPORT_DIR_PROPERTY, "target/tck-report")).resolve("threaded-signals");
    }
}
