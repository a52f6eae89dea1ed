package org.allocationcommons.core.allocation.internal;

import java.util.Arrays;
import java.util.List;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.matching.SlotCompatibility;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;

/** Which capacity slots of a new network a previous computation's trace can stand for. */
final class Reuse {

  /** Above this share of changed recipients, finding the touched slots costs more than it saves. */
  private static final int CHANGED_FRACTION = 8;

  private Reuse() {}

  /**
   * By capacity slot position of {@code now}, whether {@code old}'s trace of that slot is what a
   * computation over {@code now} would give; {@code null} when no slot can be reused (another
   * policy, index, provider, profile or capacity, or too many changed recipients to be worth it).
   */
  static boolean[] reusable(Network old, AllocationPolicy oldPolicy, Network now, AllocationPolicy policy) {
    if (policy != AllocationPolicy.FAITHFUL
        || oldPolicy != policy
        || old.index != now.index
        || !old.in.providerId().equals(now.in.providerId())
        || !old.providerProfile.equals(now.providerProfile)) {
      return null;
    }
    List<AvailabilitySlot> slots = now.in.providerCommitment().capacitySlots();
    List<AvailabilitySlot> oldSlots = old.in.providerCommitment().capacitySlots();
    if (slots != oldSlots && !slots.equals(oldSlots)) {
      return null;
    }
    // the same index: the same recipients at the same positions, the same need slots
    int changed = 0;
    boolean[] differs = new boolean[now.owners];
    for (int r = 0; r < now.owners; r++) {
      if (Double.compare(old.mr[r], now.mr[r]) != 0
          || Double.compare(old.weight[r], now.weight[r]) != 0
          || Double.compare(old.damping[r], now.damping[r]) != 0
          || old.recognised[r] != now.recognised[r]
          || !old.profile[r].equals(now.profile[r])) {
        differs[r] = true;
        changed++;
      }
    }
    if (changed > 1 && changed * CHANGED_FRACTION > now.owners) {
      return null;
    }
    boolean[] reusable = new boolean[slots.size()];
    Arrays.fill(reusable, true);
    if (changed == 0) {
      return reusable;
    }
    for (int o = 0; o < now.size; o++) {
      if (!differs[now.ownerOf[o]]) {
        continue;
      }
      NeedSlot need = now.slot[o];
      for (int s = 0; s < reusable.length; s++) {
        if (reusable[s] && SlotCompatibility.slotsCompatible(need, slots.get(s))) {
          reusable[s] = false;
        }
      }
    }
    return reusable;
  }
}
