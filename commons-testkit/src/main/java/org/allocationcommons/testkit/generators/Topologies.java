package org.allocationcommons.testkit.generators;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;

/**
 * Commons of a chosen shape, for measuring how the protocol settles (issue 14): every recipient
 * served by exactly {@code K} providers with a chosen ratio of capacity to need, and a dense mutual
 * commons where everyone gives and needs and recognises many others.
 */
public final class Topologies {

  /** Share of participants that are providers in {@link #providersPerRecipient}. */
  public static final double PROVIDER_SHARE = 0.1;

  private Topologies() {}

  /**
   * One provider in ten (at least {@code k}), every other participant a recipient needing 5-15 units
   * of one resource, served by {@code k} distinct providers drawn so that providers serve about as
   * many recipients each; recognition is mutual along every service edge (the recipient gives each
   * of its providers {@code 1/k}, the provider each of its recipients an equal share). Each provider's
   * capacity is {@code capacityRatio} times its recipients' needs divided by {@code k}, so the commons
   * as a whole has {@code capacityRatio} times the capacity its needs ask for.
   *
   * @param participants the number of participants
   * @param k providers per recipient
   * @param capacityRatio total capacity over total need
   * @param random the source of every choice
   * @return the commons
   * @throws IllegalArgumentException if {@code participants < k + 1}, {@code k < 1} or the ratio is not
   *     positive and finite
   */
  public static Commons providersPerRecipient(
      int participants, int k, double capacityRatio, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    if (k < 1) {
      throw new IllegalArgumentException("providers per recipient must be >= 1, was " + k);
    }
    if (!(capacityRatio > 0) || Double.isInfinite(capacityRatio)) {
      throw new IllegalArgumentException("capacity ratio must be a finite number > 0, was " + capacityRatio);
    }
    int providers = Math.max(k, (int) Math.round(participants * PROVIDER_SHARE));
    if (participants < providers + 1) {
      throw new IllegalArgumentException(
          "participants must be at least " + (providers + 1) + " for " + k + " providers per recipient, was "
              + participants);
    }
    List<String> keys = keys(participants, random);
    List<List<Integer>> served = new ArrayList<>();
    for (int p = 0; p < providers; p++) {
      served.add(new ArrayList<>());
    }
    double[] need = new double[participants];
    int[] load = new int[providers];
    for (int r = providers; r < participants; r++) {
      need[r] = 5 + random.nextInt(11);
      Set<Integer> mine = new LinkedHashSet<>();
      while (mine.size() < k) {
        // the least loaded of two random providers not yet chosen: balanced, still random
        int a = random.nextInt(providers);
        int b = random.nextInt(providers);
        int p = load[a] <= load[b] ? a : b;
        if (mine.add(p)) {
          load[p]++;
          served.get(p).add(r);
        }
      }
    }
    List<Commitment> commitments = new ArrayList<>();
    Map<Integer, Map<String, Double>> recipientWeights = new LinkedHashMap<>();
    for (int p = 0; p < providers; p++) {
      Commitment.Builder b = Commitment.builder(keys.get(p)).timestamp(CommonsGenerator.BASE_TIMESTAMP);
      List<Integer> mine = served.get(p);
      double demand = 0;
      for (int r : mine) {
        demand += need[r];
        b.recognize(keys.get(r), round(1.0 / Math.max(1, mine.size())));
        recipientWeights.computeIfAbsent(r, x -> new LinkedHashMap<>()).put(keys.get(p), round(1.0 / k));
      }
      if (!mine.isEmpty()) {
        b.capacitySlot(AvailabilitySlot.of("cap-" + p, "meals", round(capacityRatio * demand / k)));
      }
      commitments.add(b.build());
    }
    for (int r = providers; r < participants; r++) {
      commitments.add(
          Commitment.builder(keys.get(r))
              .timestamp(CommonsGenerator.BASE_TIMESTAMP)
              .needSlot(NeedSlot.of("need-" + r, "meals", need[r]))
              .recognitionWeights(recipientWeights.getOrDefault(r, Map.of()))
              .build());
    }
    return new Commons(
        String.format(java.util.Locale.ROOT, "%d participants, %d providers per recipient, capacity %.2fx need",
            participants, k, capacityRatio),
        commitments);
  }

  /**
   * A dense mutual commons: everyone gives 5-15 units and needs 5-15 units of the same resource, and
   * recognises {@code partners} others (or everyone, in a smaller commons) with shares summing to
   * one, reciprocated, so each participant is served by about {@code partners} providers at once.
   *
   * @param participants the number of participants
   * @param partners how many others each recognises
   * @param random the source of every choice
   * @return the commons
   * @throws IllegalArgumentException if {@code participants < 2} or {@code partners < 1}
   */
  public static Commons denseMutual(int participants, int partners, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    if (participants < 2 || partners < 1) {
      throw new IllegalArgumentException(
          "a dense commons needs >= 2 participants and >= 1 partner each, was " + participants + " and " + partners);
    }
    int degree = Math.min(partners, participants - 1);
    List<String> keys = keys(participants, random);
    List<Set<Integer>> edges = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      edges.add(new LinkedHashSet<>());
    }
    // a ring of degree/2 neighbours on each side, then random chords: connected and symmetric
    for (int i = 0; i < participants; i++) {
      for (int d = 1; d <= degree / 2; d++) {
        int j = (i + d) % participants;
        edges.get(i).add(j);
        edges.get(j).add(i);
      }
    }
    for (int i = 0; i < participants; i++) {
      for (int tries = 0; edges.get(i).size() < degree && tries < 10 * degree; tries++) {
        int j = random.nextInt(participants);
        if (j != i && edges.get(j).size() < degree + 2) {
          edges.get(i).add(j);
          edges.get(j).add(i);
        }
      }
    }
    List<Commitment> commitments = new ArrayList<>();
    for (int i = 0; i < participants; i++) {
      Commitment.Builder b =
          Commitment.builder(keys.get(i))
              .timestamp(CommonsGenerator.BASE_TIMESTAMP)
              .capacitySlot(AvailabilitySlot.of("cap-" + i, "meals", 5 + random.nextInt(11)))
              .needSlot(NeedSlot.of("need-" + i, "meals", 5 + random.nextInt(11)));
      double share = round(1.0 / edges.get(i).size());
      for (int j : edges.get(i)) {
        b.recognize(keys.get(j), share);
      }
      commitments.add(b.build());
    }
    return new Commons(
        String.format(java.util.Locale.ROOT, "dense mutual commons of %d, about %d partners each", participants,
            degree),
        commitments);
  }

  private static List<String> keys(int n, RandomGenerator random) {
    Set<String> keys = new LinkedHashSet<>();
    while (keys.size() < n) {
      keys.add(CommonsGenerator.pubKey(random));
    }
    return List.copyOf(keys);
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
