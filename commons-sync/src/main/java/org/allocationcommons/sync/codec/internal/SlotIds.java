package org.allocationcommons.sync.codec.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.allocationcommons.core.model.Slot;
import org.allocationcommons.sync.codec.Violation;

/**
 * The one rule on slot ids that a single slot cannot check: ids are unique within a commitment's
 * capacity slots and within its need slots. Shared by the local API and the decoder so that both
 * refuse the same documents (SPEC 7).
 */
public final class SlotIds {

  private SlotIds() {}

  /**
   * A violation for each slot whose id an earlier slot of {@code slots} already has, named {@code
   * field[i].id}; null entries are skipped (they are reported elsewhere).
   */
  public static List<Violation> duplicates(String field, List<?> slots) {
    List<Violation> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < slots.size(); i++) {
      if (slots.get(i) instanceof Slot s && !seen.add(s.id())) {
        out.add(Violation.of(field + "[" + i + "].id", s.id(), "must be unique among " + field));
      }
    }
    return out;
  }
}
