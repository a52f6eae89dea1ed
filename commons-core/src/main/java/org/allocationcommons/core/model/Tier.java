package org.allocationcommons.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The tier an allocation was made in: mutual recognition first, one-way recognition from leftovers. */
public enum Tier {
  /** Tier 1: the recipient and the provider recognise each other (MR &gt; 0). */
  MUTUAL("mutual"),
  /** Tier 2: only the provider recognises the recipient (MR = 0, weight &gt; 0). */
  NON_MUTUAL("non-mutual");

  private final String wire;

  Tier(String wire) {
    this.wire = wire;
  }

  /**
   * The JSON value: {@code mutual} or {@code non-mutual}.
   *
   * @return the JSON value
   */
  @JsonValue
  public String wire() {
    return wire;
  }

  /**
   * The tier with this JSON value.
   *
   * @param value the JSON value
   * @return the tier
   * @throws IllegalArgumentException for anything but {@code mutual} and {@code non-mutual}
   */
  @JsonCreator
  public static Tier fromWire(String value) {
    for (Tier t : values()) {
      if (t.wire.equals(value)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "tier: unknown value '" + value + "'; expected 'mutual' or 'non-mutual'");
  }
}
