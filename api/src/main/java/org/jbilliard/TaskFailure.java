package org.jbilliard;

import java.util.Objects;

/**
 * The uncaught exception of a task that ran in another process, carried back to the parent with
 * its class name, message, stack trace and causes.
 *
 * <p>The original exception object may not exist in the parent (its class may be missing, its state
 * may not be serializable), so this is a faithful textual copy: {@link #getStackTrace()} is the
 * remote stack trace and {@link #getCause()} is the remote cause chain, each again a
 * {@code TaskFailure}. {@link #remoteClassName()} names the class that was thrown.
 */
public final class TaskFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Binary name of the exception class that was thrown in the child. */
    private final String remoteClassName;

    /**
     * Creates a copy of a remote exception.
     *
     * @param remoteClassName binary name of the class that was thrown
     * @param message         its message, or {@code null}
     * @param stackTrace      its stack trace as recorded in the child
     * @param cause           its cause, or {@code null}
     */
    public TaskFailure(String remoteClassName, String message, StackTraceElement[] stackTrace,
                       TaskFailure cause) {
        super(message, cause, false, true);
        this.remoteClassName = Objects.requireNonNull(remoteClassName, "remoteClassName");
        setStackTrace(Objects.requireNonNull(stackTrace, "stackTrace"));
    }

    /**
     * Copies a local throwable and its cause chain.
     *
     * @param throwable the exception to copy
     * @return its copy
     */
    public static TaskFailure copyOf(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable");
        if (throwable instanceof TaskFailure) {
            return (TaskFailure) throwable;
        }
        TaskFailure cause = throwable.getCause() == null || throwable.getCause() == throwable
                ? null : copyOf(throwable.getCause());
        return new TaskFailure(throwable.getClass().getName(), throwable.getMessage(),
                throwable.getStackTrace(), cause);
    }

    /**
     * Returns the binary name of the exception class thrown in the child.
     *
     * @return e.g. {@code "java.lang.IllegalStateException"}
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? remoteClassName : remoteClassName + ": " + message;
    }
}
