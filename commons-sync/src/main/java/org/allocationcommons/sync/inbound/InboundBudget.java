package org.allocationcommons.sync.inbound;

/**
 * How much inbound work one path owner (a peer) may cause: two token buckets, one of bytes and one
 * of deliveries, each refilled continuously at its rate up to its burst. A delivery needs room in
 * both; beyond that it is dropped unread ({@code RATE_LIMITED}). Repeated deliveries of the same
 * bytes are dropped before the budget and cost nothing from it.
 *
 * <p>The defaults leave an honest peer far more than it uses (a commitment and an allocation state
 * per change, debounced, and a heartbeat) while bounding what a hostile one can make the node
 * verify and parse: about one 1 MiB document per second, after a burst of eight.
 *
 * @param bytesPerSecond refill rate of the byte bucket (&gt; 0)
 * @param burstBytes capacity of the byte bucket (&gt;= 1): a delivery larger than this never
 *     passes, so keep it at least the codec's maxDocumentBytes
 * @param deliveriesPerSecond refill rate of the delivery bucket (&gt; 0)
 * @param burstDeliveries capacity of the delivery bucket (&gt;= 1)
 */
public record InboundBudget(
    double bytesPerSecond, long burstBytes, double deliveriesPerSecond, long burstDeliveries) {

  /** Default byte refill: 1 MiB per second. */
  public static final double DEFAULT_BYTES_PER_SECOND = 1 << 20;
  /** Default byte burst: 8 MiB. */
  public static final long DEFAULT_BURST_BYTES = 8L << 20;
  /** Default delivery refill: 64 per second. */
  public static final double DEFAULT_DELIVERIES_PER_SECOND = 64;
  /** Default delivery burst: 256. */
  public static final long DEFAULT_BURST_DELIVERIES = 256;

  /**
   * Checks every bound.
   *
   * @param bytesPerSecond sustained envelope bytes per second allowed per path owner
   * @param burstBytes bytes a path owner may send at once above the sustained rate
   * @param deliveriesPerSecond sustained deliveries per second allowed per path owner
   * @param burstDeliveries deliveries a path owner may send at once above the sustained rate
   */
  public InboundBudget {
    if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
      throw new IllegalArgumentException("bytesPerSecond = " + bytesPerSecond + ": must be finite and > 0");
    }
    if (burstBytes < 1) {
      throw new IllegalArgumentException("burstBytes = " + burstBytes + ": must be at least 1");
    }
    if (!(deliveriesPerSecond > 0) || Double.isInfinite(deliveriesPerSecond)) {
      throw new IllegalArgumentException(
          "deliveriesPerSecond = " + deliveriesPerSecond + ": must be finite and > 0");
    }
    if (burstDeliveries < 1) {
      throw new IllegalArgumentException("burstDeliveries = " + burstDeliveries + ": must be at least 1");
    }
  }

  /**
   * The defaults above.
   *
   * @return the default budget
   */
  public static InboundBudget defaults() {
    return new InboundBudget(
        DEFAULT_BYTES_PER_SECOND, DEFAULT_BURST_BYTES, DEFAULT_DELIVERIES_PER_SECOND, DEFAULT_BURST_DELIVERIES);
  }

  /**
   * A budget no delivery ever exceeds (for simulations that measure raw throughput).
   *
   * @return the unlimited budget
   */
  public static InboundBudget unlimited() {
    return new InboundBudget(Double.MAX_VALUE, Long.MAX_VALUE, Double.MAX_VALUE, Long.MAX_VALUE);
  }
}
