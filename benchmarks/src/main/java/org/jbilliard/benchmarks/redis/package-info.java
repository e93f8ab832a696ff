/**
 * The Redis contender: jbilliard's Redis context against redis-py {@code LPUSH}/{@code BRPOP} on the
 * same server, in the same run ({@link org.jbilliard.benchmarks.redis.RedisBench}).
 */
package org.jbilliard.benchmarks.redis;
