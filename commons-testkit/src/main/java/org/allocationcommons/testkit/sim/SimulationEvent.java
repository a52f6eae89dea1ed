package org.allocationcommons.testkit.sim;

/**
 * Something that happened to a simulation at a virtual instant: a fault injected, a fault healed, the
 * network converging.
 *
 * @param atMillis virtual milliseconds since the simulation started
 * @param description what happened, in words
 */
public record SimulationEvent(long atMillis, String description) {}
