package org.jbilliard.reference.nativeio;

/**
 * A libc call failed; carries the C {@code errno}.
 *
 * <p>Immutable, hence thread-safe.
 */
public final class ErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errno value reported by the failed call. */
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param call  the libc function and its salient argument, e.g. {@code "open(/tmp/x)"}
     * @param errno the errno value
     */
    public ErrnoException(String call, int errno) {
        super(call + " failed: errno " + errno + describe(errno));
        this.errno = errno;
    }

    /**
     * Returns the errno value.
     *
     * @return errno
     */
    public int errno() {
        return errno;
    }

    private static String describe(int errno) {
        return switch (errno) {
            case LibC.ENOENT -> " (ENOENT)";
            case LibC.EINTR -> " (EINTR)";
            case LibC.EAGAIN -> " (EAGAIN)";
            case LibC.EACCES -> " (EACCES)";
            case LibC.EEXIST -> " (EEXIST)";
            case LibC.EPERM -> " (EPERM)";
            case LibC.EFAULT -> " (EFAULT)";
            case LibC.ENOSPC -> " (ENOSPC)";
            case LibC.ESRCH -> " (ESRCH)";
            case LibC.ENOMEM -> " (ENOMEM)";
            case LibC.ENFILE -> " (ENFILE, too many open files in the system)";
            case LibC.EMFILE -> " (EMFILE, too many open files)";
            case LibC.ETIMEDOUT -> " (ETIMEDOUT)";
            default -> "";
        };
    }
}
