package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.allocationcommons.core.validation.Finite;

/** One convergence measurement: the largest denominator change of a computation, and when. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConvergenceEntry(
    @JsonProperty("denominatorDelta") @Finite @PositiveOrZero double denominatorDelta,
    @JsonProperty("timestamp") @Positive long timestamp) {

  /**
   * An entry.
   *
   * @param denominatorDelta the largest denominator change of the check
   * @param timestamp epoch milliseconds of the check
   * @return the entry
   */
  public static ConvergenceEntry of(double denominatorDelta, long timestamp) {
    return new ConvergenceEntry(denominatorDelta, timestamp);
  }
}
