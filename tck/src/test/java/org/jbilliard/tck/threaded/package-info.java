/**
 * An in-JVM jbilliard implementation, the TCK's positive control: queues are lock-and-condition
 * structures of encoded frames shared through an address registry, and processes are threads running a
 * deserialized copy of their task (so captured values are copies and captured handles are new handles,
 * as in a child process). It declares only the features it truly has; a variant simulates signals by
 * unwinding the killed task's thread at its next queue operation, and stops by suspending it. Users get
 * the same implementation, without the simulations, as the {@code jbilliard-dummy} module.
 */
package org.jbilliard.tck.threaded;
