package org.jbilliard.reference.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.jbilliard.Codec;
import org.jbilliard.CodecException;

/** A plain Java-serialization codec for tests (independent of the production codec). */
final class SerializingCodec implements Codec {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] encode(Object item) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(item);
        } catch (IOException e) {
            throw new CodecException("cannot serialize " + (item == null ? "null" : item.getClass().getName()), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new CodecException("cannot deserialize: " + e, e, null);
        }
    }
}
