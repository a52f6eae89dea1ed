package org.allocationcommons.transport.gun;

/**
 * What the Holster dialect counted on one transport (all zero for {@link Dialect#GUN}).
 *
 * @param ownEchoes the relay's echoes of our own messages, ignored (they confirm nothing)
 * @param throttled the relay's {@code throttle} replies: frames it dropped unprocessed, sent again
 *     after the pause
 * @param freshResends publishes sent again with a fresh state and id after {@code ackTimeout}
 *     without an ack
 * @param getsAnswered gets for a document of ours answered, because the relay's own reply did not
 *     show our value
 * @param getsLeftToRelay gets for a document of ours left unanswered, because the relay's reply
 *     already held our value
 */
public record HolsterCounters(
    long ownEchoes, long throttled, long freshResends, long getsAnswered, long getsLeftToRelay) {}
