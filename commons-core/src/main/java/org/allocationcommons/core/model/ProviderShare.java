package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.PositiveOrZero;
import static org.allocationcommons.core.validation.Messages.MAX;

import org.allocationcommons.core.validation.Finite;

/**
 * One provider's part in one of a recipient's need slots, as the recipient reports it (SPEC 4.4):
 * what the provider's latest state offers the slot (what SPEC 4.3 alone would give it) and what that
 * state actually gives it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderShare(
    @JsonProperty("offered") @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_GIVEN_TEXT, message = MAX) double offered,
    @JsonProperty("received") @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_GIVEN_TEXT, message = MAX) double received) {

  /**
   * A share.
   *
   * @param offered what the provider offers the need slot
   * @param received what it gives the need slot
   * @return the share
   */
  public static ProviderShare of(double offered, double received) {
    return new ProviderShare(offered, received);
  }

  /**
   * What the provider gives beyond its offer: capacity that caps on others freed ({@code >= 0}).
   *
   * @return {@code max(0, received - offered)}
   */
  public double spill() {
    return Math.max(0, received - offered);
  }
}
