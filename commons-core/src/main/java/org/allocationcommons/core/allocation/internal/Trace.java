package org.allocationcommons.core.allocation.internal;

import java.util.List;
import org.allocationcommons.core.matching.MatchWarning;
import org.allocationcommons.core.model.SlotDenominators;

/**
 * One run's output by capacity slot position, for replaying the slots a change did not touch:
 * records {@code [recFrom[s], recFrom[s + 1])} as ordinals, quantities and tiers (the columns
 * the run's result reads too), the slot's denominators (null when it had no recipients) and the
 * warnings it raised, in first-raised order.
 */
record Trace(
    int[] recFrom,
    int[] recNeed,
    double[] recQty,
    boolean[] recMutual,
    SlotDenominators[] denominators,
    int[] warnFrom,
    List<MatchWarning> warnings) {}
