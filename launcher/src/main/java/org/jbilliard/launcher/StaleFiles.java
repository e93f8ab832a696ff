package org.jbilliard.launcher;

/**
 * Removes what child processes of crashed parents left behind. The single entry point the context
 * calls at start-up.
 *
 * <p><b>Thread-safety.</b> Safe to call from any thread, any number of times.
 */
public final class StaleFiles {

    private StaleFiles() {
    }

    /** Deletes the result directories of parents that no longer exist. Never throws. */
    public static void remove() {
        ResultDirectory.removeStale();
    }
}
