package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import static org.allocationcommons.core.validation.Messages.MAX;

import org.allocationcommons.core.validation.Finite;
import org.allocationcommons.itc.Stamp;

/**
 * A provider's published allocation (the original's {@code TwoTierAllocationState}): per capacity
 * slot the two denominators, the individual allocations, the total per recipient, whether its
 * denominators have converged and the history of that measurement, plus causality stamp and time.
 * Collections are never null and keep their order.
 *
 * <p>{@code recipient_offers} (ours, SPEC 4.4; ignored by the original) says, per recipient and need
 * slot, what this provider would give that need slot were nobody capped by a residual-need report;
 * it lists only need slots offered something other than they are given, so an absent entry means
 * "offered what is given".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AllocationState(
    @JsonProperty("slot_denominators")
        Map<@NotBlank String, @NotNull @Valid SlotDenominators> slotDenominators,
    @JsonProperty("slot_allocations") List<@NotNull @Valid SlotAllocation> slotAllocations,
    @JsonProperty("recipient_totals")
        Map<@NotBlank String, @NotNull @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_GIVEN_TEXT, message = MAX) Double> recipientTotals,
    @JsonProperty("converged") boolean converged,
    @JsonProperty("convergenceHistory") List<@NotNull @Valid ConvergenceEntry> convergenceHistory,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("timestamp") @Positive long timestamp,
    @JsonProperty("recipient_offers") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<@NotBlank String, @NotNull Map<@NotBlank String, @NotNull @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_GIVEN_TEXT, message = MAX) Double>>
            recipientOffers) {

  /**
   * Requires the stamp; null collections become empty.
   *
   * @param slotDenominators the mutual and non-mutual denominators, by capacity slot id
   * @param slotAllocations what each capacity slot gives each need slot
   * @param recipientTotals what each recipient receives in total, by pubKey
   * @param converged whether the provider judged its allocation settled
   * @param convergenceHistory recent convergence deltas, oldest first
   * @param itcStamp the provider's causality stamp
   * @param timestamp publication time, epoch milliseconds
   * @param recipientOffers per recipient, what is offered to each of its need slots
   */
  public AllocationState {
    Objects.requireNonNull(itcStamp, "itcStamp is required");
    slotDenominators = Copies.map(slotDenominators, "slot_denominators");
    slotAllocations = Copies.list(slotAllocations, "slot_allocations");
    recipientTotals = Copies.map(recipientTotals, "recipient_totals");
    convergenceHistory = Copies.list(convergenceHistory, "convergenceHistory");
    recipientOffers = Copies.nestedMap(recipientOffers, "recipient_offers");
  }

  /**
   * A state without offers beyond its allocations (as the original publishes).
   *
   * @param slotDenominators the mutual and non-mutual denominators, by capacity slot id
   * @param slotAllocations what each capacity slot gives each need slot
   * @param recipientTotals what each recipient receives in total, by pubKey
   * @param converged whether the provider judged its allocation settled
   * @param convergenceHistory recent convergence deltas, oldest first
   * @param itcStamp the provider's causality stamp
   * @param timestamp publication time, epoch milliseconds
   */
  public AllocationState(
      Map<String, SlotDenominators> slotDenominators,
      List<SlotAllocation> slotAllocations,
      Map<String, Double> recipientTotals,
      boolean converged,
      List<ConvergenceEntry> convergenceHistory,
      Stamp itcStamp,
      long timestamp) {
    this(
        slotDenominators,
        slotAllocations,
        recipientTotals,
        converged,
        convergenceHistory,
        itcStamp,
        timestamp,
        Map.of());
  }

  /**
   * What this state gives {@code recipient} in total (0 when nothing).
   *
   * @param recipient the recipient's pubKey
   * @return the total given to it, 0 when nothing
   */
  public double totalFor(String recipient) {
    return recipientTotals.getOrDefault(recipient, 0.0);
  }

  /**
   * What this state gives each of {@code recipient}'s need slots, by need slot id (absent: 0).
   *
   * @param recipient the recipient's pubKey
   * @return the quantity given, by need slot id
   */
  public Map<String, Double> givenTo(String recipient) {
    Map<String, Double> given = new LinkedHashMap<>();
    for (SlotAllocation a : slotAllocations) {
      if (a.recipientPubkey().equals(recipient)) {
        given.merge(a.recipientNeedSlotId(), a.quantity(), Double::sum);
      }
    }
    return given;
  }

  /**
   * What this state offers each of {@code recipient}'s need slots: the offer {@code
   * recipient_offers} lists, else what it gives.
   *
   * @param recipient the recipient's pubKey
   * @return the quantity offered, by need slot id
   */
  public Map<String, Double> offeredTo(String recipient) {
    Map<String, Double> offers = givenTo(recipient);
    offers.putAll(recipientOffers.getOrDefault(recipient, Map.of()));
    return offers;
  }
}
