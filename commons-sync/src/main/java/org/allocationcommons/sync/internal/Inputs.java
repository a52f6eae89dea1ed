package org.allocationcommons.sync.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.codec.internal.SlotIds;
import org.allocationcommons.sync.envelope.internal.Recognition;

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
    for (int i = 0; i < slots.size(); i++) {
      Object slot = slots.get(i);
      if (slot == null) {
        vs.add(Violation.of(field + "[" + i + "]", null, "must not be null"));
        continue;
      }
      for (Violation v : codec.validate(slot)) {
        vs.add(new Violation(field + "[" + i + "]." + v.field(), v.value(), v.rule()));
      }
    }
    vs.addAll(SlotIds.duplicates(field, slots)); // the decoder applies the same rule
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
    List<Violation> vs = Recognition.violations("recognition_weights", me, recognition); // as Envelopes.open
    Map<String, Double> copy = new LinkedHashMap<>(new TreeMap<>(recognition));
    if (!vs.isEmpty()) {
      throw new InvalidDocumentException("recognition", vs);
    }
    return Collections.unmodifiableMap(copy);
  }
}
