package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.allocationcommons.core.validation.Finite;

/**
 * One point of a recipient's damping history: how much more it received than it stated it needed,
 * and when (epoch milliseconds).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DampingEntry(
    @JsonProperty("overAllocation") @Finite @PositiveOrZero double overAllocation,
    @JsonProperty("timestamp") @Positive long timestamp) {

  /**
   * An entry.
   *
   * @param overAllocation what the recipient received beyond its stated need
   * @param timestamp epoch milliseconds of the step
   * @return the entry
   */
  public static DampingEntry of(double overAllocation, long timestamp) {
    return new DampingEntry(overAllocation, timestamp);
  }
}
