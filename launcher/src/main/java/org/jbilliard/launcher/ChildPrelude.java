package org.jbilliard.launcher;

/**
 * Child side: runs the context's prelude ({@link LaunchSupport#childPrelude(byte[])}) on a helper
 * thread while the main thread deserializes the task — e.g. the reference implementation binds its
 * queues' libc functions, which costs tens of milliseconds in a fresh JVM (the first FFM binding
 * initialises the linker and generates downcall code), about as much as deserializing the task, and
 * the two are independent. Overlapping them shortens the time from {@code start()} to the task's
 * first statement when a core is free for the helper; on a machine whose cores are all busy it is
 * the same work on another thread, no more.
 *
 * <p><b>Thread-safety.</b> Each instance is a thread of its own; {@link #start(String)} is called by
 * the child's main thread.
 */
final class ChildPrelude extends Thread {

    private final String className;

    private ChildPrelude(String className) {
        super("jbilliard-prelude");
        this.className = className;
        // NOTE: a daemon; a prelude must never block in native code, so it cannot delay the child's exit.
        setDaemon(true);
    }

    /**
     * Starts the prelude named {@code className} on a helper thread.
     *
     * @param className a public {@link Runnable} class with a public no-argument constructor, or the
     *                  empty string for none
     * @return the helper, or {@code null} if none was started
     */
    static Thread start(String className) {
        if (className.isEmpty()) {
            return null;
        }
        Thread helper = new ChildPrelude(className);
        helper.start();
        return helper;
    }

    @Override
    public void run() {
        try {
            Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
            ((Runnable) type.getConstructor().newInstance()).run();
        } catch (Throwable e) {
            // The task's own first call reports whatever went wrong here, where it matters.
        }
    }
}
