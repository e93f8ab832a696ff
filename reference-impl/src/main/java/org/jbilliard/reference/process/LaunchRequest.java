package org.jbilliard.reference.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What the parent writes to the child's standard input before anything else: the process name, the
 * private result directory and the serialized task. The rest of the stream stays open and carries
 * nothing; its end of file tells the child that its parent has gone.
 *
 * <pre>
 *  int    MAGIC ("JBTP")
 *  int    VERSION
 *  UTF    process name
 *  UTF    result directory (absolute path)
 *  int    n, the task's length
 *  byte[n] the task, Java-serialized
 * </pre>
 *
 * @param name      the process name
 * @param resultDir where the child records how it ended
 * @param task      the serialized task
 */
record LaunchRequest(String name, Path resultDir, byte[] task) {

    private static final int MAGIC = 0x4A425450;
    private static final int VERSION = 1;

    /** Writes the request and flushes; the stream is left open. */
    void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(name);
        data.writeUTF(resultDir.toString());
        data.writeInt(task.length);
        data.write(task);
        data.flush();
    }

    /**
     * Reads a request written by {@link #writeTo(OutputStream)}.
     *
     * @throws IOException if the stream is not a launch request of this version
     */
    static LaunchRequest readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic;
        try {
            magic = data.readInt();
        } catch (java.io.EOFException e) {
            throw new IOException("standard input ended before a launch request arrived:"
                    + " this main class is started by TaskProcess.start(), not by hand", e);
        }
        int version = data.readInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IOException("standard input does not carry a jbilliard launch request of version " + VERSION
                    + " (magic " + Integer.toHexString(magic) + ", version " + version
                    + "): this main class is started by TaskProcess.start(), not by hand");
        }
        String name = data.readUTF();
        Path resultDir = Path.of(data.readUTF());
        byte[] task = new byte[data.readInt()];
        data.readFully(task);
        return new LaunchRequest(name, resultDir, task);
    }
}
