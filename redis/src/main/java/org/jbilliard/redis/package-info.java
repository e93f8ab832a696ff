/**
 * A {@link org.jbilliard.Context} on a Redis (or Valkey) server: {@link org.jbilliard.redis.RedisContext}.
 * Queues live on the server and are shared by every process, on any machine, that reaches it.
 * (Placeholder: the protocol is documented below once written.)
 */
package org.jbilliard.redis;
