package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Objects;
import static org.allocationcommons.core.validation.Messages.MAX;

import org.allocationcommons.core.validation.Finite;

/**
 * What one capacity slot gives to one need slot of one recipient (the original's
 * {@code SlotAllocationRecord}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlotAllocation(
    @JsonProperty("availability_slot_id") @NotBlank String availabilitySlotId,
    @JsonProperty("recipient_pubkey") @NotBlank String recipientPubkey,
    @JsonProperty("recipient_need_slot_id") @NotBlank String recipientNeedSlotId,
    @JsonProperty("quantity") @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_GIVEN_TEXT, message = MAX) double quantity,
    @JsonProperty("time_compatible") boolean timeCompatible,
    @JsonProperty("location_compatible") boolean locationCompatible,
    @JsonProperty("tier") @NotNull Tier tier) {

  /**
   * Requires the ids and the tier.
   *
   * @param availabilitySlotId the capacity slot giving
   * @param recipientPubkey the recipient
   * @param recipientNeedSlotId the recipient's need slot receiving
   * @param quantity the quantity given
   * @param timeCompatible whether the time windows overlap
   * @param locationCompatible whether the locations agree
   * @param tier whether it was given in the mutual or the non-mutual tier
   */
  public SlotAllocation {
    Objects.requireNonNull(availabilitySlotId, "availability_slot_id is required");
    Objects.requireNonNull(recipientPubkey, "recipient_pubkey is required");
    Objects.requireNonNull(recipientNeedSlotId, "recipient_need_slot_id is required");
    Objects.requireNonNull(tier, "tier is required");
  }
}
