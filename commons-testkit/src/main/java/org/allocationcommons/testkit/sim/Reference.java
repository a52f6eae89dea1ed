package org.allocationcommons.testkit.sim;

import java.util.Objects;

/**
 * A run's settlement beside the centralised solver's on the same commitments.
 *
 * @param run where the run ended
 * @param centralised where the centralised fixed point stands
 * @param distance L1 distance of the recipients' totals, over total capacity
 */
public record Reference(Settlement run, Settlement centralised, double distance) {

  /**
   * Both settlements are required.
   *
   * @param run where the simulation settled
   * @param centralised where the centralised solver settled
   * @param distance the distance between the two, as {@link Settlement#distanceTo} measures it
   */
  public Reference {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(centralised, "centralised");
  }

  /**
   * The comparison of {@code run} with {@code centralised}.
   *
   * @param run where the simulation settled
   * @param centralised where the centralised solver settled
   * @return the comparison
   */
  public static Reference of(Settlement run, Settlement centralised) {
    return new Reference(run, centralised, run.distanceTo(centralised.received()));
  }
}
