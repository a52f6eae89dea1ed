package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.PositiveOrZero;
import org.allocationcommons.core.validation.Finite;

/**
 * The two denominators of one capacity slot: {@code D1} (sum of tier-1 numerators) and {@code D2}
 * (sum of tier-2 numerators, 0 when tier 2 did not run). Convergence watches them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SlotDenominators(
    @JsonProperty("mutual") @Finite @PositiveOrZero double mutual,
    @JsonProperty("nonMutual") @Finite @PositiveOrZero double nonMutual) {

  /**
   * The pair {@code {mutual, nonMutual}}.
   *
   * @param mutual the denominator of the mutual tier
   * @param nonMutual the denominator of the non-mutual tier
   * @return the pair
   */
  public static SlotDenominators of(double mutual, double nonMutual) {
    return new SlotDenominators(mutual, nonMutual);
  }
}
