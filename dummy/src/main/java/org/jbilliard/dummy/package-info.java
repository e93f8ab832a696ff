/**
 * jbilliard's in-JVM implementation, billiard's {@code multiprocessing.dummy}: {@link
 * org.jbilliard.dummy.DummyContext} runs tasks on threads of the calling JVM and keeps queues in memory. It is
 * meant for unit tests of code written against {@link org.jbilliard.Context}: a test constructs a
 * {@code DummyContext} (or calls {@code Context.load("dummy")}) where production code gets a cross-process
 * implementation, and no process is started. It declares {@code QSIZE}, {@code IMMEDIATE_VISIBILITY} and
 * {@code ENCODE_AT_PUT}, and passes the TCK for what it declares.
 *
 * <p>Tasks are serialized when their process is created and deserialized on their thread, and items are
 * encoded at {@code put}, so code that relies on sharing objects between "processes" fails here as it
 * would across processes. What it cannot show: behaviour under signals, crashes, separate heaps and static
 * state, and the timing of real inter-process transport.
 */
package org.jbilliard.dummy;
