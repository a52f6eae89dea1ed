package org.allocationcommons.testkit.network;

import java.time.Duration;
import java.util.Objects;

/**
 * The faults a {@link SimulatedNetwork} injects into every message hop: a latency drawn uniformly from
 * {@code [minLatency, maxLatency]}, independent loss and duplication with the given probabilities, and
 * reordering (with probability {@code reordering} a message is held back an extra {@code reorderDelay}).
 *
 * <p>Publishes to the relay are acknowledged and retransmitted every {@code ackTimeout} until
 * acknowledged, at most {@code maxRetransmissions} times, so a lost publish costs time and messages,
 * while deliveries from the relay to subscribers are fire-and-forget: a lost delivery is only made good
 * by the publisher's next publish or by a new subscription, as on a real relay network.
 *
 * @param minLatency shortest one-way latency of a hop, {@code >= 0}
 * @param maxLatency longest one-way latency of a hop, {@code >= minLatency}
 * @param loss probability in {@code [0, 1)} that a hop's message is lost
 * @param duplication probability in {@code [0, 1]} that a hop's message arrives twice
 * @param reordering probability in {@code [0, 1]} that a hop's message is held back
 * @param reorderDelay extra delay of a held-back message, {@code >= 0}
 * @param ackTimeout how long a publisher waits for the relay's acknowledgement before retransmitting, {@code > 0}
 * @param maxRetransmissions how often a publish is retransmitted before its future fails, {@code >= 0}
 */
public record NetworkConditions(
    Duration minLatency,
    Duration maxLatency,
    double loss,
    double duplication,
    double reordering,
    Duration reorderDelay,
    Duration ackTimeout,
    int maxRetransmissions) {

  /**
   * Validates every field; see the class description for the rules.
   *
   * @param minLatency the shortest hop latency
   * @param maxLatency the longest hop latency
   * @param loss the probability a hop loses a message
   * @param duplication the probability a hop duplicates a message
   * @param reordering the probability a message is held back
   * @param reorderDelay how long a held-back message waits
   * @param ackTimeout how long a publisher waits for an acknowledgement before resending
   * @param maxRetransmissions how often a publish is resent at most
   */
  public NetworkConditions {
    requireNonNegative("minLatency", minLatency);
    requireNonNegative("maxLatency", maxLatency);
    if (maxLatency.compareTo(minLatency) < 0) {
      throw new IllegalArgumentException(
          "maxLatency must be >= minLatency, was " + maxLatency + " < " + minLatency);
    }
    if (!(loss >= 0 && loss < 1)) {
      throw new IllegalArgumentException("loss must be in [0, 1), was " + loss);
    }
    requireProbability("duplication", duplication);
    requireProbability("reordering", reordering);
    requireNonNegative("reorderDelay", reorderDelay);
    requireNonNegative("ackTimeout", ackTimeout);
    if (ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be > 0, was " + ackTimeout);
    }
    if (maxRetransmissions < 0) {
      throw new IllegalArgumentException("maxRetransmissions must be >= 0, was " + maxRetransmissions);
    }
  }

  /**
   * No faults: every hop takes exactly 10 ms and arrives once, in order.
   *
   * @return the faultless conditions
   */
  public static NetworkConditions perfect() {
    Duration ten = Duration.ofMillis(10);
    return new NetworkConditions(ten, ten, 0, 0, 0, Duration.ZERO, Duration.ofMillis(100), 10);
  }

  /**
   * A wide-area network without faults yet: 20 to 150 ms per hop, so messages already overtake each
   * other. Add faults with the {@code with...} methods.
   *
   * @return the wide-area conditions
   */
  public static NetworkConditions wideArea() {
    return new NetworkConditions(
        Duration.ofMillis(20), Duration.ofMillis(150), 0, 0, 0, Duration.ofMillis(500), Duration.ofMillis(400), 10);
  }

  /**
   * These conditions with a hop latency drawn uniformly from {@code [min, max]}.
   *
   * @param min the shortest hop latency
   * @param max the longest hop latency
   * @return the changed conditions
   */
  public NetworkConditions withLatency(Duration min, Duration max) {
    return new NetworkConditions(min, max, loss, duplication, reordering, reorderDelay, ackTimeout, maxRetransmissions);
  }

  /**
   * These conditions with a loss probability per hop.
   *
   * @param probability the loss probability, in [0, 1]
   * @return the changed conditions
   */
  public NetworkConditions withLoss(double probability) {
    return new NetworkConditions(
        minLatency, maxLatency, probability, duplication, reordering, reorderDelay, ackTimeout, maxRetransmissions);
  }

  /**
   * These conditions with a duplication probability per hop.
   *
   * @param probability the duplication probability, in [0, 1]
   * @return the changed conditions
   */
  public NetworkConditions withDuplication(double probability) {
    return new NetworkConditions(
        minLatency, maxLatency, loss, probability, reordering, reorderDelay, ackTimeout, maxRetransmissions);
  }

  /**
   * These conditions where a message is held back {@code delay} with the given probability.
   *
   * @param probability the probability a message is held back, in [0, 1]
   * @param delay how long it is held back
   * @return the changed conditions
   */
  public NetworkConditions withReordering(double probability, Duration delay) {
    return new NetworkConditions(minLatency, maxLatency, loss, duplication, probability, delay, ackTimeout, maxRetransmissions);
  }

  /**
   * These conditions with another acknowledgement timeout and retransmission limit for publishes.
   *
   * @param timeout how long a publisher waits for an acknowledgement
   * @param maxRetransmissions how often a publish is resent at most
   * @return the changed conditions
   */
  public NetworkConditions withRetransmission(Duration timeout, int maxRetransmissions) {
    return new NetworkConditions(minLatency, maxLatency, loss, duplication, reordering, reorderDelay, timeout, maxRetransmissions);
  }

  private static void requireNonNegative(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + d);
    }
  }

  private static void requireProbability(String field, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(field + " must be a probability in [0, 1], was " + p);
    }
  }
}
