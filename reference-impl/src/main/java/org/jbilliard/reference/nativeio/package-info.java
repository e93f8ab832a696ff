/**
 * The Linux system interface of the reference implementation, reached through the FFM API.
 *
 * <p>{@link org.jbilliard.reference.nativeio.LibC} binds the handful of libc functions the pipe
 * queues use ({@code open}, {@code mkfifo}, non-blocking {@code read}/{@code write}, {@code poll},
 * {@code fcntl(F_SETPIPE_SZ)}, {@code ioctl(FIONREAD)}, {@code futex} and {@code kill}), each lazily
 * on first use. {@link org.jbilliard.reference.nativeio.ProcessIdentity} names a process by pid and
 * start time, so that shared memory can record who holds a lock and a survivor can tell, without
 * trusting a recycled pid, that the holder died. It judges on positive evidence only: {@code kill(pid,
 * 0)} failing with {@code ESRCH} (no descriptor needed), a zombie, or another start time; a
 * {@code /proc} it cannot read (out of descriptors, no permission) leaves the verdict "unknown",
 * which every caller treats as alive. {@link org.jbilliard.reference.nativeio.IdentityScope} is the
 * PID namespace and boot within which an identity means one process.
 *
 * <p>Rules every call site follows: {@code errno} is captured with {@code captureCallState}, never
 * read afterwards; variadic functions declare {@code firstVariadicArg}; only calls that cannot block
 * ({@code read}/{@code write} on {@code O_NONBLOCK} descriptors) are linked {@code critical}; blocking
 * calls take a timeout so that callers can honour interrupts and deadlines between calls. Linux
 * x86-64/aarch64 only (the {@code futex} syscall number and {@code struct} widths are those of
 * x86-64).
 */
package org.jbilliard.reference.nativeio;
