package org.jbilliard.tck.simulated;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.jbilliard.Context;
import org.jbilliard.tck.JbilliardTck;

/**
 * The positive control of the mutants' base: the in-JVM implementation with simulated attach passes every
 * rule its features claim.
 */
class SimulatedContextTckTest extends JbilliardTck {

    @Override
    protected Context createContext() {
        return new SimulatedContext();
    }

    @Override
    protected Path reportDirectory() {
        return Paths.get(System.getProperty(REPORT_DIR_PROPERTY, "target/tck-report")).resolve("dummy-attach");
    }
}
