package org.allocationcommons.sync.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.envelope.PubKeys;

/** Checks of a node's inputs on the caller's thread, before anything changes (SPEC 7). */
public final class Inputs {

  private Inputs() {}

  /**
   * Checks every slot and that ids are unique.
   *
   * @throws InvalidDocumentException naming each bad slot's field, value and rule
   */
  public static void requireValidSlots(Codec codec, String field, List<?> slots) {
    List<Violation> vs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < slots.size(); i++) {
      Object slot = slots.get(i);
      if (slot == null) {
        vs.add(Violation.of(field + "[" + i + "]", null, "must not be null"));
        continue;
      }
      for (Violation v : codec.validate(slot)) {
        vs.add(new Violation(field + "[" + i + "]." + v.field(), v.value(), v.rule()));
      }
      String id = slot instanceof AvailabilitySlot a ? a.id() : ((NeedSlot) slot).id();
      if (!ids.add(id)) {
        vs.add(Violation.of(field + "[" + i + "].id", id, "must be unique among " + field));
      }
    }
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException(field, vs);
    }
  }

  /**
   * The recognition weights of {@code me}, copied and sorted.
   *
   * @throws InvalidDocumentException naming each bad entry: a key that is not a participant's public
   *     key, {@code me} itself, or a weight that is not a finite number in [0, 1]
   */
  public static Map<String, Double> requireValidRecognition(String me, Map<String, Double> recognition) {
    Objects.requireNonNull(recognition, "recognition");
    List<Violation> vs = new ArrayList<>();
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : new TreeMap<>(recognition).entrySet()) {
      String k = e.getKey();
      Double v = e.getValue();
      String field = "recognition_weights[" + k + "]";
      PubKeys.problem(k).ifPresent(p -> vs.add(Violation.of(field, k, "key " + p)));
      if (me.equals(k)) {
        vs.add(Violation.of(field, k, "key must be another participant: a participant does not recognise itself"));
      }
      if (v == null || !(v >= 0 && v <= 1)) {
        vs.add(Violation.of(field, v, "must be a finite number in [0, 1]"));
      }
      copy.put(k, v);
    }
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException("recognition", vs);
    }
    return Collections.unmodifiableMap(copy);
  }
}
