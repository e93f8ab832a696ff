package org.jbilliard.launcher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What the parent writes to the child's standard input before anything else: the process name, the
 * private result directory, the context's prelude and the serialized task. The rest of the stream
 * stays open and carries nothing; its end of file tells the child that its parent has gone.
 *
 * <pre>
 *  int    MAGIC ("JBTP")
 *  int    VERSION
 *  UTF    process name
 *  UTF    result directory (absolute path)
 *  UTF    prelude class name, or "" (LaunchSupport.childPrelude)
 *  int    n, the task's length
 *  byte[n] the task, Java-serialized
 * </pre>
 *
 * <p>A warm spare ({@link WarmSpares}) is first sent a {@link Spare} record, at once, and the request
 * only when a task is handed to it; a spare whose standard input ends before its request left because
 * its parent did (or closed the pool), and exits quietly.
 *
 * @param name      the process name
 * @param resultDir where the child records how it ended
 * @param task      the serialized task
 * @param prelude   the prelude class to run while the task is deserialized, or {@code ""}
 */
record LaunchRequest(String name, Path resultDir, byte[] task, String prelude) {

    private static final int MAGIC = 0x4A425450;
    private static final int SPARE_MAGIC = 0x4A425350;
    private static final int VERSION = 2;

    /** Writes the request and flushes; the stream is left open. */
    void writeTo(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeUTF(name);
        data.writeUTF(resultDir.toString());
        data.writeUTF(prelude);
        data.writeInt(task.length);
        data.write(task);
        data.flush();
    }

    /**
     * Reads a request written by {@link #writeTo(OutputStream)}, after a {@link Spare} record if the
     * parent sent one.
     *
     * @param in    the child's standard input
     * @param spare called with the spare record as soon as it has been read, before the wait for the
     *              request; not called for a child started for one task
     * @return the request, or {@code null} if this child is a spare whose input ended before a request
     * @throws IOException if the stream is not a launch request of this version
     */
    static LaunchRequest readFrom(InputStream in, java.util.function.Consumer<Spare> spare) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException("standard input ended before a launch request arrived:"
                    + " this main class is started by TaskProcess.start(), not by hand", e);
        }
        if (magic == SPARE_MAGIC) {
            int version = data.readInt();
            require(true, magic, version);
            spare.accept(new Spare(Path.of(data.readUTF()), data.readUTF()));
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                return null;
            }
        }
        require(magic == MAGIC, magic, data.readInt());
        String name = data.readUTF();
        Path resultDir = Path.of(data.readUTF());
        String prelude = data.readUTF();
        byte[] task = new byte[data.readInt()];
        data.readFully(task);
        return new LaunchRequest(name, resultDir, task, prelude);
    }

    private static void require(boolean magicOk, int magic, int version) throws IOException {
        if (!magicOk || version != VERSION) {
            throw new IOException("standard input does not carry a jbilliard launch request of version " + VERSION
                    + " (magic " + Integer.toHexString(magic) + ", version " + version
                    + "): this main class is started by TaskProcess.start(), not by hand");
        }
    }

    /**
     * What a warm spare is told at once: where its result directory is (it records there that it is
     * ready, and deletes it if its parent goes) and which prelude to run while it waits.
     *
     * @param resultDir the spare's result directory, created by the parent
     * @param prelude   the context's prelude class, or {@code ""}
     */
    record Spare(Path resultDir, String prelude) {

        /** Writes the record and flushes; the stream is left open. */
        void writeTo(OutputStream out) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(SPARE_MAGIC);
            data.writeInt(VERSION);
            data.writeUTF(resultDir.toString());
            data.writeUTF(prelude);
            data.flush();
        }
    }
}
