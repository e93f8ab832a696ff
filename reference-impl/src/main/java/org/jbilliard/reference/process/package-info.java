/**
 * The reference implementation's part of task processes. Child JVMs are started by the launcher
 * shared by every context ({@code org.jbilliard.launcher}, artifact {@code jbilliard-launcher}:
 * launch protocol, exit codes, orphan prevention, start-up cache, warm spares); what depends on pipe
 * queues is here, behind the launcher's {@link org.jbilliard.launcher.LaunchSupport}:
 * <ul>
 *   <li>{@link org.jbilliard.reference.process.CapturedQueues}: the parent pins each queue a task
 *       captured with a second attachment of its own until the child exits;</li>
 *   <li>{@link org.jbilliard.reference.process.QueueTraining}: the start-up cache's training attaches
 *       to a queue the way a child does, and calls libc with the queues' shapes, so that the queue
 *       classes and the FFM code they use come from the cache;</li>
 *   <li>{@link org.jbilliard.reference.process.NativePrelude}: a child whose task captured a queue
 *       binds libc on a helper thread while it deserializes the task.</li>
 * </ul>
 *
 * <h2>Thread-safety</h2>
 * {@link org.jbilliard.reference.process.ReferenceLaunchSupport} is stateless; the rest is confined
 * to the thread that uses it.
 */
package org.jbilliard.reference.process;
