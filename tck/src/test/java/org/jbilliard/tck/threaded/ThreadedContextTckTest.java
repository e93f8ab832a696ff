package org.jbilliard.tck.threaded;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.jbilliard.Context;
import org.jbilliard.tck.JbilliardTck;

/** The positive control: the in-JVM implementation passes every rule its features claim. */
class ThreadedContextTckTest extends JbilliardTck {

    @Override
    protected Context createContext() {
        return new ThreadedContext();
    }

    @Override
    protected Path reportDirectory() {
        return Paths.get(System.getProperty(REPORT_DIR_PROPERTY, "target/tck-report")).resolve("threaded");
    }
}
