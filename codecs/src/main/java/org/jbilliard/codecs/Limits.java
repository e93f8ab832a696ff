package org.jbilliard.codecs;

/**
 * Limits that both languages apply, so that what one side encodes the other can decode.
 *
 * <p><b>Thread-safety.</b> Constants only.
 */
final class Limits {

    /**
     * The deepest nesting of lists, maps and sets an item may have. Python's decoders recurse once
     * per level and stop at the interpreter's recursion limit (1000 frames by default, some of them
     * already in use): 500 leaves a safe margin, and the Python package refuses the same depth.
     */
    static final int MAX_DEPTH = 500;

    private Limits() {
    }
}
