package org.jbilliard.tck.simulated;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.jbilliard.Context;
import org.jbilliard.tck.JbilliardTck;

/**
 * The positive control for the signal, crash and stalled-participant rules: the in-JVM implementation with
 * simulated attach and signals passes every rule its features claim, CRASH-* and STALL-* included.
 */
class SimulatedSignalsTckTest extends JbilliardTck {

    @Override
    protected Context createContext() {
        return SimulatedContext.withSignals();
    }

    @Override
    protected Path reportDirectory() {
        return Paths.get(System.getProperty(REPORT_DIR_PROPERTY, "target/tck-report")).resolve("dummy-attach-signals");
    }
}
