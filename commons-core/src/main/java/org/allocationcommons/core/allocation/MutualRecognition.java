package org.allocationcommons.core.allocation;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Mutual recognition (SPEC 4.2): {@code MR(me, them) = min(my weight for them, their weight for
 * me)}, a missing weight counting as 0.
 */
public final class MutualRecognition {

  private MutualRecognition() {}

  /**
   * MR with everyone I recognise and everyone who recognises me (never myself), by pubKey. Pairs
   * where either side is 0 are present with value 0, so callers can tell "known, not mutual" from
   * "unknown".
   *
   * @param myId my pubKey
   * @param myWeights my recognition weights, each in [0, 1]
   * @param theirWeightsByPubKey each participant's recognition weights, each in [0, 1]
   * @return MR by pubKey
   * @throws IllegalArgumentException naming the weight when one is not a finite number in [0, 1]
   */
  public static Map<String, Double> compute(
      String myId, Map<String, Double> myWeights, Map<String, Map<String, Double>> theirWeightsByPubKey) {
    Objects.requireNonNull(myId, "myId");
    Inputs.shares("myWeights", myWeights);
    Map<String, Double> mr = new TreeMap<>();
    for (Map.Entry<String, Double> e : myWeights.entrySet()) {
      if (!e.getKey().equals(myId)) {
        mr.put(e.getKey(), Math.min(e.getValue(), theirWeightFor(theirWeightsByPubKey, e.getKey(), myId)));
      }
    }
    for (Map.Entry<String, Map<String, Double>> e : theirWeightsByPubKey.entrySet()) {
      String them = e.getKey();
      if (them.equals(myId) || e.getValue() == null) {
        continue;
      }
      Inputs.shares("theirWeightsByPubKey[" + them + "]", e.getValue());
      if (e.getValue().containsKey(myId) && !mr.containsKey(them)) {
        mr.put(them, Math.min(myWeights.getOrDefault(them, 0.0), e.getValue().get(myId)));
      }
    }
    return Collections.unmodifiableMap(mr);
  }

  private static double theirWeightFor(
      Map<String, Map<String, Double>> theirs, String them, String me) {
    Map<String, Double> w = theirs.get(them);
    return w == null ? 0.0 : w.getOrDefault(me, 0.0);
  }
}
