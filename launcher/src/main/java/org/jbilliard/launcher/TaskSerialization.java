package org.jbilliard.launcher;

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
     * @throws ClassNotFoundException if a class of the task is missing from the child's class path;
     *                                the message names the class and that class path
     */
    static Task deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new SystemLoaderInputStream(bytes)) {
            Object task = in.readObject();
            if (!(task instanceof Task)) {
                throw new IOException("the parent sent a " + task.getClass().getName() + ", not a Task");
            }
            return (Task) task;
        } catch (ClassNotFoundException e) {
            throw new ClassNotFoundException("the child JVM cannot load class " + e.getMessage()
                    + ", which the task or something it captures is made of, from the class path it was given: "
                    + System.getProperty("java.class.path") + ". A child loads the task from the class path its "
                    + "parent JVM was started with; a class the parent defined some other way (a custom class "
                    + "loader, a nested jar, the source launcher) cannot be sent to it", e);
        }
    }

    /** Resolves classes through the system class loader first (the child's class path). */
    static class SystemLoaderInputStream extends ObjectInputStream {

        SystemLoaderInputStream(byte[] bytes) throws IOException {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (desc.getName().indexOf('.') < 0 && PRIMITIVES.contains(desc.getName())) {
                // NOTE: before the class path lookup, which would search every jar for a class named "int".
                return super.resolveClass(desc);
            }
            try {
                return Class.forName(desc.getName(), false, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }

        private static final java.util.Set<String> PRIMITIVES = java.util.Set.of(
                "boolean", "byte", "char", "short", "int", "long", "float", "double", "void");
    }
}
