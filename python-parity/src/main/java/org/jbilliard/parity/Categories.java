package org.jbilliard.parity;

import org.jbilliard.CodecException;
import org.jbilliard.Empty;
import org.jbilliard.Full;
import org.jbilliard.ItemTooLargeException;
import org.jbilliard.QueueClosedException;
import org.jbilliard.QueueCorruptedException;

/**
 * Maps a Java exception thrown by a step to the neutral category both runners record.
 *
 * <table class="striped">
 * <caption>Categories</caption>
 * <thead><tr><th>category</th><th>billiard</th><th>jbilliard</th></tr></thead>
 * <tbody>
 * <tr><td>empty</td><td>{@code queue.Empty}</td><td>{@link Empty}</td></tr>
 * <tr><td>full</td><td>{@code queue.Full}</td><td>{@link Full}</td></tr>
 * <tr><td>closed</td><td>{@code ValueError("… is closed")}</td><td>{@link QueueClosedException}</td></tr>
 * <tr><td>value-error</td><td>{@code ValueError}</td><td>{@link IllegalArgumentException}; and
 *     {@link IllegalStateException} from {@code task_done} (BEHAVIOUR row 13's documented equivalent)</td></tr>
 * <tr><td>state-error</td><td>{@code AssertionError}</td><td>other {@link IllegalStateException}</td></tr>
 * <tr><td>codec-error</td><td>{@code PicklingError}, pickling {@code TypeError}</td><td>{@link CodecException}</td></tr>
 * <tr><td>too-large</td><td>—</td><td>{@link ItemTooLargeException}</td></tr>
 * <tr><td>corrupted</td><td>—</td><td>{@link QueueCorruptedException}</td></tr>
 * <tr><td>attribute-error</td><td>{@code AttributeError}</td><td>{@link ClassCastException} (the
 *     operation does not exist on that queue kind)</td></tr>
 * <tr><td>os-error, broken-pipe</td><td>{@code OSError}, {@code BrokenPipeError}/{@code EOFError}</td><td>—</td></tr>
 * <tr><td>unsupported</td><td>{@code NotImplementedError}</td><td>{@link UnsupportedOperationException}</td></tr>
 * <tr><td>interrupted</td><td>—</td><td>{@link InterruptedException}</td></tr>
 * <tr><td>other:Name</td><td colspan="2">anything else, by simple class name</td></tr>
 * </tbody>
 * </table>
 *
 * <p><b>Thread-safety.</b> Stateless.
 */
public final class Categories {

    private Categories() {
    }

    /**
     * Categorises an exception thrown by a step.
     *
     * @param op the step's op
     * @param e  the exception
     * @return the category
     */
    public static String of(String op, Throwable e) {
        // NOTE: subclasses before their parents: QueueClosedException and QueueCorruptedException are
        // IllegalStateExceptions, ItemTooLargeException is an IllegalArgumentException.
        if (e instanceof Empty) {
            return "empty";
        }
        if (e instanceof Full) {
            return "full";
        }
        if (e instanceof QueueClosedException) {
            return "closed";
        }
        if (e instanceof QueueCorruptedException) {
            return "corrupted";
        }
        if (e instanceof CodecException) {
            return "codec-error";
        }
        if (e instanceof ItemTooLargeException) {
            return "too-large";
        }
        if (e instanceof IllegalStateException) {
            return "task_done".equals(op) ? "value-error" : "state-error";
        }
        if (e instanceof IllegalArgumentException) {
            return "value-error";
        }
        if (e instanceof ClassCastException) {
            return "attribute-error";
        }
        if (e instanceof UnsupportedOperationException) {
            return "unsupported";
        }
        if (e instanceof InterruptedException) {
            return "interrupted";
        }
        return "other:" + e.getClass().getSimpleName();
    }
}
