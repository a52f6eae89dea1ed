package org.allocationcommons.sync.codec.internal;

import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.ProviderShare;

/** The constraints of {@link Commitment}, {@link DampingEntry} and {@link ProviderShare}. */
final class CommitmentChecks {

  private CommitmentChecks() {}

  static void commitment(Out out, Commitment c) {
    out.notBlank("", "pubKey", c.pubKey());
    SlotChecks.slots(out, "", "capacity_slots", c.capacitySlots());
    SlotChecks.slots(out, "", "need_slots", c.needSlots());
    out.unitMap("", "recognition_weights", c.recognitionWeights());
    out.unitMap("", "mr_values", c.mrValues());
    out.notNull("", "itcStamp", c.itcStamp());
    out.positive("", "timestamp", c.timestamp());
    if (out.notNull("", "damping_factor", c.dampingFactor())) {
      out.unit("", "damping_factor", c.dampingFactor());
    }
    List<DampingEntry> history = c.dampingHistory();
    for (int i = 0; i < history.size(); i++) {
      DampingEntry e = history.get(i);
      String at = "damping_history[" + i + "]";
      if (out.notNull(at, "", e)) {
        dampingEntry(out, at + ".", e);
      }
    }
    out.quantityMap("", "received_by_provider", c.receivedByProvider(), Limits.MAX_GIVEN, Limits.MAX_GIVEN_TEXT);
    out.blankKeys("", "need_slot_reports", c.needSlotReports());
    for (Map.Entry<String, Map<String, ProviderShare>> slot : c.needSlotReports().entrySet()) {
      String at = Out.valueField("need_slot_reports", slot.getKey());
      Map<String, ProviderShare> shares = slot.getValue();
      if (!out.notNull(at, "", shares)) {
        continue;
      }
      out.blankKeys(at, "", shares);
      for (Map.Entry<String, ProviderShare> e : shares.entrySet()) {
        String share = Out.valueField(at, e.getKey());
        if (out.notNull(share, "", e.getValue())) {
          providerShare(out, share + ".", e.getValue());
        }
      }
    }
  }

  static void dampingEntry(Out out, String prefix, DampingEntry e) {
    out.finiteAtLeastZero(prefix, "overAllocation", e.overAllocation());
    out.positive(prefix, "timestamp", e.timestamp());
  }

  static void providerShare(Out out, String prefix, ProviderShare s) {
    out.quantity(prefix, "offered", s.offered(), Limits.MAX_GIVEN, Limits.MAX_GIVEN_TEXT);
    out.quantity(prefix, "received", s.received(), Limits.MAX_GIVEN, Limits.MAX_GIVEN_TEXT);
  }
}
