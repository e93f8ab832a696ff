/**
 * jbilliard: the multiprocess queues of Python's billiard, as a Java contract.
 *
 * <p>This package is the API only; implementations provide a {@link org.jbilliard.Context}. Types
 * and their billiard counterparts:
 * <table class="striped">
 * <caption>billiard to jbilliard</caption>
 * <thead><tr><th>billiard</th><th>jbilliard</th></tr></thead>
 * <tbody>
 * <tr><td>{@code get_context()}, module factories</td><td>{@link org.jbilliard.Context}</td></tr>
 * <tr><td>{@code Queue}</td><td>{@link org.jbilliard.Queue}</td></tr>
 * <tr><td>{@code JoinableQueue}</td><td>{@link org.jbilliard.JoinableQueue}</td></tr>
 * <tr><td>{@code SimpleQueue}</td><td>{@link org.jbilliard.SimpleQueue}</td></tr>
 * <tr><td>{@code queue.Empty}, {@code queue.Full}</td><td>{@link org.jbilliard.Empty},
 *     {@link org.jbilliard.Full}</td></tr>
 * <tr><td>{@code Process}</td><td>{@link org.jbilliard.TaskProcess}, {@link org.jbilliard.Task},
 *     {@link org.jbilliard.ProcessOptions}</td></tr>
 * <tr><td>pickle</td><td>{@link org.jbilliard.Codec}</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Exceptions: {@link org.jbilliard.Empty} and {@link org.jbilliard.Full} are checked (expected
 * outcomes); everything else is unchecked and signals a programming error or a broken transport:
 * {@link org.jbilliard.QueueClosedException}, {@link org.jbilliard.CodecException},
 * {@link org.jbilliard.ItemTooLargeException}, {@link org.jbilliard.QueueCorruptedException}.
 * Blocking methods throw {@link java.lang.InterruptedException}.
 *
 * <p>Optional behaviour is declared with {@link org.jbilliard.Feature}; the TCK verifies both the
 * presence and the absence of each.
 */
package org.jbilliard;
