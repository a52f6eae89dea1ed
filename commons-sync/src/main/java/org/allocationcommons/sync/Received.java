package org.allocationcommons.sync;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a participant receives: the sum, over the providers it follows whose commitments are fresh,
 * of the allocations their published states make to it (recipient-side aggregation).
 *
 * @param total the sum of {@code byProvider}
 * @param byProvider the total of each provider's {@code slot_allocations} for this participant, by
 *     provider pubKey (only providers giving more than 0)
 */
public record Received(double total, Map<String, Double> byProvider) {

  /** Nothing received. */
  public static final Received NOTHING = new Received(0, Map.of());

  /**
   * Copies the map, sorted by pubKey.
   *
   * @param total what was received from every provider together
   * @param byProvider what each provider gave, by pubKey
   */
  public Received {
    byProvider = Collections.unmodifiableMap(new TreeMap<>(byProvider));
  }
}
