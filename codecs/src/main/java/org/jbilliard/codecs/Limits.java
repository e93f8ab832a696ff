package org.jbilliard.codecs;

/**
 * Limits that both languages apply, so that what one side encodes the other can decode.
 *
 * <p><b>Thread-safety.</b> Constants only.
 */
final class Limits {

    /**
     * The deepest nesting of lists, maps and sets an item may have. Python's encoders and decoders
     * recurse and stop at the interpreter's recursion limit (1000 frames by default, some already in
     * use by the caller): cbor2 takes one frame per level, Python's pickler two (measured with
     * Python 3.11: {@code pickle.dumps} of nested lists fails beyond about 490 levels). 250 levels
     * leave half the frames to the application; the Python package refuses the same depth.
     */
    static final int MAX_DEPTH = 250;

    private Limits() {
    }
}
