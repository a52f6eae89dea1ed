package org.allocationcommons.transport.gun;

/**
 * Counters of a {@link GunTransport} since it was opened: a snapshot, for diagnostics and tests.
 *
 * @param framesIn WebSocket text frames received
 * @param framesOut WebSocket text frames sent
 * @param malformed frames or batched messages ignored because they were not valid GUN messages
 * @param acks publishes confirmed by a relay's acknowledgement or by reading them back
 * @param rejected publishes a relay refused with an {@code err}
 * @param reconnects connections re-established after a loss
 * @param delivered payloads handed to listeners (one per listener)
 * @param duplicates incoming messages or values ignored because they were already seen
 * @param stale incoming values ignored because a newer one was held (HAM)
 * @param listenerFailures listener calls that threw
 * @param superseded unconfirmed publishes replaced by a newer one of the same path before a relay
 *     confirmed them (their payload dropped; the newer one's confirmation completes them)
 * @param unconfirmed paths with a publish still waiting for a relay's confirmation (at most one
 *     payload held per path, however long the relays are down)
 */
public record GunStats(
    long framesIn,
    long framesOut,
    long malformed,
    long acks,
    long rejected,
    long reconnects,
    long delivered,
    long duplicates,
    long stale,
    long listenerFailures,
    long superseded,
    long unconfirmed) {}
