package org.jbilliard.tck;

import java.util.Objects;
import org.jbilliard.Context;

/**
 * The implementation under test, as seen by the rule tests of one TCK run.
 *
 * <p>The runner installs the context before it launches the rule tests and clears it afterwards. When no
 * context was installed (e.g. a rule class run directly from an IDE) the configuration parameter or
 * system property {@value #CONTEXT_CLASS_PROPERTY} names a class with a public no-argument constructor.
 *
 * <p>Thread-safe: the field is volatile; one TCK run at a time per JVM.
 */
public final class TckSubject {

    /** Names the {@link Context} class when none was installed. */
    public static final String CONTEXT_CLASS_PROPERTY = "jbilliard.tck.context";

    private static volatile Context installed;

    private TckSubject() {
    }

    /**
     * Installs the context the rule tests use.
     *
     * @param context the implementation under test
     */
    public static void install(Context context) {
        installed = Objects.requireNonNull(context, "context");
    }

    /**
     * Removes the installed context.
     */
    public static void clear() {
        installed = null;
    }

    /**
     * Returns the implementation under test.
     *
     * @return the context
     * @throws IllegalStateException if none was installed or configured
     */
    public static Context context() {
        Context context = installed;
        if (context != null) {
            return context;
        }
        String className = System.getProperty(CONTEXT_CLASS_PROPERTY);
        if (className == null) {
            throw new IllegalStateException("no jbilliard Context under test: run the TCK through JbilliardTck or"
                    + " TckRunner, or set -D" + CONTEXT_CLASS_PROPERTY + "=<class>");
        }
        Context created = instantiate(className, Thread.currentThread().getContextClassLoader());
        installed = created;
        return created;
    }

    /**
     * Creates a context from its class name.
     *
     * @param className binary name of a {@link Context} class with a public no-argument constructor
     * @param loader    the class loader to load it with
     * @return the new context
     * @throws IllegalArgumentException if the class is missing, was compiled for a newer Java, needs a class
     *                                  that is missing, is not a Context, or its constructor throws; the
     *                                  message names the root cause (never a bare reflection wrapper)
     */
    public static Context instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("context class " + className + " is not on the class path", e);
        } catch (UnsupportedClassVersionError e) {
            throw new IllegalArgumentException("context class " + className + " was compiled for a newer Java than"
                    + " the one running the TCK (Java " + Runtime.version().feature() + ", "
                    + System.getProperty("java.home") + "): " + e.getMessage()
                    + "; run the TCK with the Java the implementation needs", e);
        } catch (NoClassDefFoundError e) {
            throw new IllegalArgumentException("context class " + className + " needs a class that is not on the"
                    + " class path: " + e.getMessage() + " (add the implementation's dependencies)", e);
        } catch (ExceptionInInitializerError e) {
            throw new IllegalArgumentException("the static initializer of " + className + " threw "
                    + rootCause(e), e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("context class " + className + " cannot be loaded: " + e, e);
        }
        if (!Context.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + Context.class.getName()
                    + (type.getClassLoader() != Context.class.getClassLoader() && hasContextNamed(type)
                    ? " of the TCK's class path (the implementation brings its own copy of jbilliard-api)" : ""));
        }
        try {
            return (Context) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " has no public no-argument constructor", e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + className + " threw " + rootCause(e),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + className + ": " + e, e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("the constructor of " + className + " needs a class that cannot be"
                    + " loaded: " + e, e);
        }
    }

    private static boolean hasContextNamed(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                if (implemented.getName().equals(Context.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Describes the innermost cause of a failure, through reflection and initializer wrappers:
     * {@code "java.lang.IllegalStateException: no licence"}.
     *
     * @param thrown the failure
     * @return the root cause's class and message
     */
    public static String rootCause(Throwable thrown) {
        Throwable current = thrown;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current.toString();
    }
}
