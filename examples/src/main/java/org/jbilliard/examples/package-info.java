/**
 * The four usage examples of billiard's queues documentation, ported line for line: same functions,
 * same sleeps, same printed lines (Java prints {@code true}/{@code false} where Python prints
 * {@code True}/{@code False}). Each task is a lambda calling a static method with the arguments
 * billiard passes through {@code args=(…)}; the queue handles it captures attach in the child.
 *
 * <p>Run one with {@code java -jar examples/target/jbilliard-examples.jar <name>}, where the name is
 * {@code producer-consumer}, {@code joinable}, {@code simple} or {@code exceptions}.
 */
package org.jbilliard.examples;
