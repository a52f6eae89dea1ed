package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.allocationcommons.core.validation.Finite;
import org.allocationcommons.itc.Stamp;

/**
 * A provider's published allocation (the original's {@code TwoTierAllocationState}): per capacity
 * slot the two denominators, the individual allocations, the total per recipient, whether its
 * denominators have converged and the history of that measurement, plus causality stamp and time.
 * Collections are never null and keep their order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AllocationState(
    @JsonProperty("slot_denominators")
        Map<@NotBlank String, @NotNull @Valid SlotDenominators> slotDenominators,
    @JsonProperty("slot_allocations") List<@NotNull @Valid SlotAllocation> slotAllocations,
    @JsonProperty("recipient_totals")
        Map<@NotBlank String, @NotNull @Finite @PositiveOrZero Double> recipientTotals,
    @JsonProperty("converged") boolean converged,
    @JsonProperty("convergenceHistory") List<@NotNull @Valid ConvergenceEntry> convergenceHistory,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("timestamp") @Positive long timestamp) {

  /** Requires the stamp; null collections become empty. */
  public AllocationState {
    Objects.requireNonNull(itcStamp, "itcStamp is required");
    slotDenominators = Copies.map(slotDenominators, "slot_denominators");
    slotAllocations = Copies.list(slotAllocations, "slot_allocations");
    recipientTotals = Copies.map(recipientTotals, "recipient_totals");
    convergenceHistory = Copies.list(convergenceHistory, "convergenceHistory");
  }

  /** What this state gives {@code recipient} in total (0 when nothing). */
  public double totalFor(String recipient) {
    return recipientTotals.getOrDefault(recipient, 0.0);
  }
}
