package org.allocationcommons.transport.gun;

/**
 * What the Holster dialect counted on one transport (all zero for {@link Dialect#GUN}).
 *
 * @param ownEchoes the relay's echoes of our own messages, ignored (they confirm nothing)
 * @param throttled the relay's {@code throttle} replies: frames it dropped unprocessed, sent again
 *     after the pause
 * @param freshResends publishes sent again with a fresh state and id after {@code ackTimeout}
 *     without an ack
 */
public record HolsterCounters(long ownEchoes, long throttled, long freshResends) {}
