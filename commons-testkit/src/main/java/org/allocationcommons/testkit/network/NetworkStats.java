package org.allocationcommons.testkit.network;

/**
 * Counters of a {@link SimulatedNetwork} since it was created. A message is one transmission of one
 * hop: a publish from a node to the relay, a delivery from the relay to a node, or an acknowledgement;
 * retransmissions and injected duplicates count as messages of their own.
 *
 * @param publishes publish messages put on the wire, including retransmissions and duplicates
 * @param deliveries delivery messages the relay put on the wire, including duplicates
 * @param acks acknowledgements the relay put on the wire
 * @param retransmissions publishes sent again because no acknowledgement came in time
 * @param lost messages the network dropped (loss)
 * @param duplicated extra copies the network injected (duplication)
 * @param droppedByPartition messages dropped because their two ends were partitioned apart in flight
 * @param droppedByCrash messages to or from a crashed node, dropped
 * @param staleAtRelay publishes the relay ignored because it already held that one or a later one
 * @param bytes payload bytes of every publish and delivery put on the wire
 * @param listenerFailures listener invocations that threw (isolated, logged)
 * @param publishesByDocument publishes by document name ({@code commitment}, {@code allocationState},
 *     ...), each counted once however often it was transmitted, sorted by name
 */
public record NetworkStats(
    long publishes,
    long deliveries,
    long acks,
    long retransmissions,
    long lost,
    long duplicated,
    long droppedByPartition,
    long droppedByCrash,
    long staleAtRelay,
    long bytes,
    long listenerFailures,
    java.util.SortedMap<String, Long> publishesByDocument) {

  /**
   * Copies the map.
   *
   * @param publishes publishes sent
   * @param deliveries deliveries sent
   * @param acks acknowledgements sent
   * @param retransmissions publishes resent
   * @param lost messages lost
   * @param duplicated messages duplicated
   * @param droppedByPartition messages dropped at a partition
   * @param droppedByCrash messages dropped at a crashed node
   * @param staleAtRelay publishes the relay ignored as older than what it held
   * @param bytes payload bytes sent
   * @param listenerFailures listener calls that threw
   * @param publishesByDocument publishes by document name
   */
  public NetworkStats {
    publishesByDocument = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(publishesByDocument));
  }

  /**
   * Every message put on the wire: publishes, deliveries and acknowledgements.
   *
   * @return the number of messages sent
   */
  public long messages() {
    return publishes + deliveries + acks;
  }
}
