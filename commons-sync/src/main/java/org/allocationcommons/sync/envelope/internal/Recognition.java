package org.allocationcommons.sync.envelope.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.envelope.PubKeys;

/**
 * The rule on recognition weights, one for the local API and the network (SPEC 7): every key is
 * another participant's valid public key ({@link PubKeys}), never the owner's own, and every weight
 * a finite number in [0, 1]. Kept apart from the codec, which also reads scenarios whose members
 * have plain names.
 */
public final class Recognition {

  private Recognition() {}

  /**
   * A violation for each bad entry of {@code owner}'s {@code weights}, named {@code field[key]}, in
   * key order; empty when every entry is fine.
   */
  public static List<Violation> violations(String field, String owner, Map<String, Double> weights) {
    List<Violation> vs = new ArrayList<>();
    for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
      String k = e.getKey();
      Double v = e.getValue();
      String at = field + "[" + k + "]";
      PubKeys.problem(k).ifPresent(p -> vs.add(Violation.of(at, k, "key " + p)));
      if (owner.equals(k)) {
        vs.add(Violation.of(at, k, "key must be another participant: a participant does not recognise itself"));
      }
      if (v == null || !(v >= 0 && v <= 1)) {
        vs.add(Violation.of(at, v, "must be a finite number in [0, 1]"));
      }
    }
    return vs;
  }

  /** The violations of the recognition a document carries (a commitment's or a weights document's). */
  public static List<Violation> ofDocument(Object document) {
    if (document instanceof Commitment c) {
      return violations("recognition_weights", c.pubKey(), c.recognitionWeights());
    }
    if (document instanceof RecognitionWeights w) {
      return violations("weights", w.pubKey(), w.weights());
    }
    return List.of();
  }
}
