package org.allocationcommons.testkit.cli.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.allocationcommons.testkit.sim.Settlement;

/**
 * The outcome of one {@code simulate} run, as {@code --json} prints it.
 *
 * @param messagesPerNode messages on the network until convergence (the whole run if it never did),
 *     per participant
 * @param settlement where the commons stood at the end of the run
 * @param reference where the centralised solver's fixed point stands
 * @param distanceToCentralised L1 distance of the recipients' totals to the reference, over capacity
 * @param allConvergedAtSeconds when every live node was converged (empty: not within the settle time,
 *     or not checked)
 * @param settled whether nothing but heartbeats was published for the settle time once every node was
 *     converged (empty: not checked)
 */
record Summary(
    String policy, String topology, int nodes, long seed, boolean converged, OptionalDouble convergedAtSeconds,
    double messagesPerNode, Settlement settlement, Settlement reference, double distanceToCentralised,
    int referenceRounds, boolean referenceSettled, OptionalDouble allConvergedAtSeconds, Optional<Boolean> settled) {

  double overAllocation() {
    return settlement.overAllocation();
  }

  double unmetNeed() {
    return settlement.unmetNeed();
  }

  /** One JSON object on one line. */
  String toJson() {
    return String.format(Locale.ROOT,
        "{\"policy\":\"%s\",\"topology\":\"%s\",\"nodes\":%d,\"seed\":%d,\"converged\":%b,\"convergedAtSeconds\":%s,"
            + "\"messagesPerNode\":%.1f,\"capacity\":%.3f,\"given\":%.3f,\"overAllocation\":%.6f,\"unusedCapacity\":%.3f,"
            + "\"unmetNeed\":%.3f,\"distanceToCentralised\":%.6f,\"centralisedRounds\":%d,\"centralisedSettled\":%b,"
            + "\"centralisedUnmetNeed\":%.3f,\"allConvergedAtSeconds\":%s,\"settled\":%s}",
        policy, topology, nodes, seed, converged,
        seconds(convergedAtSeconds),
        messagesPerNode, settlement.capacity(), settlement.given(), settlement.overAllocation(),
        settlement.unusedCapacity(), settlement.unmetNeed(), distanceToCentralised, referenceRounds, referenceSettled,
        reference.unmetNeed(), seconds(allConvergedAtSeconds), settled.map(String::valueOf).orElse("null"));
  }

  private static String seconds(OptionalDouble s) {
    return s.isPresent() ? String.format(Locale.ROOT, "%.1f", s.getAsDouble()) : "null";
  }
}
