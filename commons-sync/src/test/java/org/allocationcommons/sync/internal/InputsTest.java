package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.junit.jupiter.api.Test;

/** Inputs are refused before anything changes, naming the entry at fault. */
class InputsTest {

  private final String me = Parts.identity(1).pubKey();
  private final String other = Parts.identity(2).pubKey();

  @Test
  void duplicateSlotIdsAndNullSlotsAreRefused() {
    Inputs.requireValidSlots(Codec.defaults(), "capacity_slots",
        List.of(AvailabilitySlot.of("a", "bread", 1), AvailabilitySlot.of("b", "bread", 2)));
    assertThatThrownBy(() -> Inputs.requireValidSlots(Codec.defaults(), "capacity_slots",
        List.of(AvailabilitySlot.of("a", "bread", 1), AvailabilitySlot.of("a", "bread", 2))))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("capacity_slots");
    List<AvailabilitySlot> withNull = new java.util.ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> Inputs.requireValidSlots(Codec.defaults(), "need_slots", withNull))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("need_slots[0]");
  }

  @Test
  void recognitionIsCopiedSortedAndRefusedForSelfOrOutOfRange() {
    Map<String, Double> in = new HashMap<>(Map.of(other, 0.5));
    Map<String, Double> out = Inputs.requireValidRecognition(me, in);
    in.put(other, 0.9);
    assertThat(out).containsExactly(Map.entry(other, 0.5));
    assertThatThrownBy(() -> Inputs.requireValidRecognition(me, Map.of(me, 0.5))).isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> Inputs.requireValidRecognition(me, Map.of(other, 1.5))).isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> Inputs.requireValidRecognition(me, Map.of("not-a-key", 0.5))).isInstanceOf(InvalidDocumentException.class);
  }
}
