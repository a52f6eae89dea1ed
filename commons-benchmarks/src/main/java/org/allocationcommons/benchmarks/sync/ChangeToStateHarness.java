package org.allocationcommons.benchmarks.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.benchmarks.core.SyntheticCommons;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.internal.ProviderSide;

/**
 * Change-to-state compute time of a provider (issue 13): what one changed commitment costs the
 * provider's side of a node, from the network it holds to the allocation it would publish, at
 * {@code participants} recipients with 10 need slots each ({@link SyntheticCommons}) and {@code
 * slots} capacity slots. Two kinds of change alternate over one {@link ProviderSide}: a recipient's
 * damping factor (what a residual-need report or damping changes: the need slots stay as they were)
 * and a recipient's need quantity. Prints the median and range of each.
 *
 * <p>Run: {@code java -cp commons-benchmarks/target/benchmarks.jar
 * org.allocationcommons.benchmarks.sync.ChangeToStateHarness [participants slots rounds [reports]]}
 * (default 30000 1000 15; {@code reports}: every need slot carries a residual-need report, so the
 * capped run of SPEC 4.4 runs too, as in a settled network).
 */
public final class ChangeToStateHarness {

  private ChangeToStateHarness() {}

  /** Runs the harness. */
  public static void main(String[] args) {
    int participants = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int slots = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    boolean reports = args.length > 3 && args[3].equals("reports");
    AllocationInput in = SyntheticCommons.input(slots, participants * 10, 42);
    String me = in.providerId();
    Commitment mine = in.providerCommitment().toBuilder().recognitionWeights(in.providerWeights()).build();
    long t = mine.timestamp() + 1;
    Map<String, Commitment> network = new LinkedHashMap<>();
    Map<String, RecognitionWeights> weights = new LinkedHashMap<>();
    in.networkCommitments().forEach((pk, c) -> {
      network.put(pk, reports ? reported(c, me) : c);
      Double m = in.mrValues().get(pk);
      weights.put(pk, new RecognitionWeights(pk, m == null ? Map.of() : Map.of(me, m), Stamp.seed(), c.timestamp()));
    });
    List<String> keys = new ArrayList<>(network.keySet());
    ProviderSide side = new ProviderSide(me, AllocationPolicy.FAITHFUL, Optional.empty());
    side.compute(Optional.of(mine), network, weights, Optional.empty(), t);
    double[] report = new double[rounds];
    double[] need = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      String pk = keys.get((i * 7919) % keys.size());
      Commitment c = network.get(pk);
      network.put(pk, c.toBuilder().dampingFactor(c.dampingFactor() == 1.0 ? 0.8 : 1.0).build());
      long started = System.nanoTime();
      side.compute(Optional.of(mine), network, weights, Optional.empty(), ++t);
      report[i] = (System.nanoTime() - started) / 1e6;

      c = network.get(pk);
      List<NeedSlot> needs = new ArrayList<>(c.needSlots());
      NeedSlot first = needs.get(0);
      needs.set(0, first.toBuilder().quantity(first.quantity() + 1).build());
      network.put(pk, c.toBuilder().needSlots(needs).build());
      started = System.nanoTime();
      side.compute(Optional.of(mine), network, weights, Optional.empty(), ++t);
      need[i] = (System.nanoTime() - started) / 1e6;
    }
    System.out.printf(Locale.ROOT, "%d participants, %d capacity slots, %d rounds; index builds %d, capacity slots replayed %d%n",
        participants, slots, rounds, side.indexBuilds(), side.reusedSlots());
    System.out.println("damping factor changed (need slots as they were): " + summary(report));
    System.out.println("a need quantity changed:                         " + summary(need));
  }

  /**
   * {@code c} with a residual-need report on every need slot (SPEC 4.4): {@code me} and one other
   * provider each offer 60% of it, so the provider's capped run has caps to respect.
   */
  private static Commitment reported(Commitment c, String me) {
    Map<String, Map<String, ProviderShare>> reports = new LinkedHashMap<>();
    double total = 0;
    for (NeedSlot n : c.needSlots()) {
      double q = n.quantity();
      total += 0.5 * q;
      reports.put(n.id(), Map.of(me, ProviderShare.of(0.6 * q, 0.5 * q), "another-provider", ProviderShare.of(0.6 * q, 0.5 * q)));
    }
    return c.toBuilder().report(Map.of(me, total, "another-provider", total), reports).build();
  }

  private static String summary(double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "median %.0f ms (%.0f-%.0f)", sorted[sorted.length / 2], sorted[0],
        sorted[sorted.length - 1]);
  }
}
