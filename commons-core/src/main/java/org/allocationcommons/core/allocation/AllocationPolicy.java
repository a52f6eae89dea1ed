package org.allocationcommons.core.allocation;

/** How a capacity slot is divided within a tier. Both policies share everything else. */
public enum AllocationPolicy {
  /**
   * The original's formulas exactly (SPEC 4.3): {@code alloc_r = min(Q * num_r / max(D, 1e-4),
   * need_r)}. Capacity a capped recipient cannot take stays unused, and every capacity slot sees a
   * recipient's full need, so several slots of one provider may together give more than it needs.
   */
  FAITHFUL,
  /**
   * Ours: within a tier, capacity that capping leaves unused is redistributed to the uncapped
   * recipients in proportion to their numerators until the slot is exhausted or everybody is capped,
   * and each need slot's remaining quantity is reduced by what earlier capacity slots of the same
   * provider already gave it.
   */
  WATER_FILLING
}
