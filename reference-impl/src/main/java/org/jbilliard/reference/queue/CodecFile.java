package org.jbilliard.reference.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import org.jbilliard.Codec;

/**
 * The file {@code codec} of a queue: the queue's {@link Codec}, Java-serialized by its creator and
 * read by every attacher, so that all participants encode alike.
 *
 * <p><b>Thread-safety.</b> Stateless; thread-safe.
 */
final class CodecFile {

    private CodecFile() {
    }

    static byte[] serialize(Codec codec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(codec);
        } catch (IOException e) {
            throw new IllegalArgumentException("the codec " + codec.getClass().getName()
                    + " cannot be serialized, so other processes could not use it: " + e, e);
        }
        return bytes.toByteArray();
    }

    static Codec deserialize(byte[] bytes, String address) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Codec) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new IllegalArgumentException("cannot load the codec of queue " + address + ": " + e, e);
        }
    }

    /** Resolves classes through the thread's context class loader first (application codecs). */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            if (cl != null) {
                try {
                    return Class.forName(desc.getName(), false, cl);
                } catch (ClassNotFoundException e) {
                    // fall through
                }
            }
            return super.resolveClass(desc);
        }
    }
}
