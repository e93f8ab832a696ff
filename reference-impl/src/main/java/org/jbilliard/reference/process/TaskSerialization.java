package org.jbilliard.reference.process;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import org.jbilliard.Task;

/**
 * Turns a {@link Task} into bytes in the parent, where a failure can still be reported to the
 * caller, and back into a task in the child.
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
final class TaskSerialization {

    private TaskSerialization() {
    }

    /**
     * Serializes a task and all it captures.
     *
     * @throws IllegalArgumentException if something in it is not serializable; the message names the
     *                                  offending class
     */
    static byte[] serialize(Task task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the task " + task.getClass().getName()
                    + " cannot be sent to a child process: it holds an instance of " + e.getMessage()
                    + ", which is not Serializable (everything a task captures must be)", e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the task " + task.getClass().getName()
                    + " cannot be sent to a child process: serializing it failed: " + e, e);
        }
        return bytes.toByteArray();
    }

    /**
     * Deserializes a task in the child. Classes are resolved through the system class loader, which
     * holds the parent's class path.
     *
     * @throws IOException            if the bytes are not a serialized task
     * @throws ClassNotFoundException if a class of the task is missing from the child's class path
     */
    static Task deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, ClassLoader.getSystemClassLoader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            Object task = in.readObject();
            if (!(task instanceof Task)) {
                throw new IOException("the parent sent a " + task.getClass().getName() + ", not a Task");
            }
            return (Task) task;
        }
    }
}
