package org.allocationcommons.sync.codec.internal;

import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.Limits;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;

/**
 * The constraints of {@link AllocationState}, {@link SlotDenominators}, {@link SlotAllocation} and
 * {@link ConvergenceEntry}.
 */
final class StateChecks {

  private StateChecks() {}

  static void state(Out out, AllocationState s) {
    out.blankKeys("", "slot_denominators", s.slotDenominators());
    for (Map.Entry<String, SlotDenominators> e : s.slotDenominators().entrySet()) {
      SlotDenominators d = e.getValue();
      if (d == null || !denominatorsOk(d)) {
        String at = Out.valueField("slot_denominators", e.getKey());
        if (out.notNull(at, "", d)) {
          denominators(out, at + ".", d);
        }
      }
    }
    List<SlotAllocation> allocations = s.slotAllocations();
    for (int i = 0; i < allocations.size(); i++) {
      SlotAllocation a = allocations.get(i);
      String at = "slot_allocations[" + i + "]";
      if (out.notNull(at, "", a)) {
        allocation(out, at + ".", a);
      }
    }
    out.quantityMap("", "recipient_totals", s.recipientTotals(), Limits.MAX_GIVEN, Limits.MAX_GIVEN_TEXT);
    List<ConvergenceEntry> history = s.convergenceHistory();
    for (int i = 0; i < history.size(); i++) {
      ConvergenceEntry e = history.get(i);
      String at = "convergenceHistory[" + i + "]";
      if (out.notNull(at, "", e)) {
        convergenceEntry(out, at + ".", e);
      }
    }
    out.notNull("", "itcStamp", s.itcStamp());
    out.positive("", "timestamp", s.timestamp());
    out.blankKeys("", "recipient_offers", s.recipientOffers());
    for (Map.Entry<String, Map<String, Double>> e : s.recipientOffers().entrySet()) {
      String at = Out.valueField("recipient_offers", e.getKey());
      if (out.notNull(at, "", e.getValue())) {
        out.quantityMap(at, "", e.getValue(), Limits.MAX_GIVEN, Limits.MAX_GIVEN_TEXT);
      }
    }
  }

  private static boolean denominatorsOk(SlotDenominators d) {
    return Double.isFinite(d.mutual()) && Double.compare(d.mutual(), 0.0) >= 0
        && Double.isFinite(d.nonMutual()) && Double.compare(d.nonMutual(), 0.0) >= 0;
  }

  static void denominators(Out out, String prefix, SlotDenominators d) {
    out.finiteAtLeastZero(prefix, "mutual", d.mutual());
    out.finiteAtLeastZero(prefix, "nonMutual", d.nonMutual());
  }

  static void allocation(Out out, String prefix, SlotAllocation a) {
    out.notBlank(prefix, "availability_slot_id", a.availabilitySlotId());
    out.notBlank(prefix, "recipient_pubkey", a.recipientPubkey());
    out.notBlank(prefix, "recipient_need_slot_id", a.recipientNeedSlotId());
    out.quantity(prefix, "quantity", a.quantity(), Limits.MAX_GIVEN, Limits.MAX_GIVEN_TEXT);
    out.notNull(prefix, "tier", a.tier());
  }

  static void convergenceEntry(Out out, String prefix, ConvergenceEntry e) {
    out.finiteAtLeastZero(prefix, "denominatorDelta", e.denominatorDelta());
    out.positive(prefix, "timestamp", e.timestamp());
  }
}
