package org.allocationcommons.core.subgroups;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.allocationcommons.core.allocation.MutualRecognition;
import org.allocationcommons.core.model.Commitment;

/**
 * The derived subgroups of SPEC 4.6 for one participant, computed at once from (my id, my weights,
 * network commitments, network weights, now). The sync layer uses them to decide whom to subscribe
 * to and how much of their data to fetch. Every set is sorted by pubKey and never contains me.
 *
 * <p>"Their weight for me" is taken from their published recognition weights ({@code
 * networkWeights}) when present, else from their commitment's {@code recognition_weights}. A
 * commitment is active (fresh) when {@code now - timestamp < 60 s}.
 *
 * @param mutualRecognition MR with everyone I recognise or who recognises me
 * @param mutualBeneficiaries MR &gt; 0
 * @param nonMutualBeneficiaries my weight &gt; 0 and MR = 0
 * @param mutualProvidersForMe active, some capacity &gt; 0, recognises me, MR &gt; 0
 * @param nonMutualProvidersForMe active, some capacity &gt; 0, recognises me, MR = 0
 * @param mutualBeneficiariesWithNeeds mutual beneficiaries whose active commitment has a need &gt; 0
 * @param nonMutualBeneficiariesWithNeeds the same for non-mutual beneficiaries
 * @param allMutualPartners mutual beneficiaries and mutual providers for me
 * @param activeParticipants commitments younger than 60 s
 * @param oscillatingParticipants commitments with damping factor &lt; 1
 */
public record Subgroups(
    Map<String, Double> mutualRecognition,
    SortedSet<String> mutualBeneficiaries,
    SortedSet<String> nonMutualBeneficiaries,
    SortedSet<String> mutualProvidersForMe,
    SortedSet<String> nonMutualProvidersForMe,
    SortedSet<String> mutualBeneficiariesWithNeeds,
    SortedSet<String> nonMutualBeneficiariesWithNeeds,
    SortedSet<String> allMutualPartners,
    SortedSet<String> activeParticipants,
    SortedSet<String> oscillatingParticipants) {

  /** A commitment younger than this is active. */
  public static final long ACTIVE_MILLIS = 60_000;

  /**
   * Computes every subgroup.
   *
   * @param myId my pubKey
   * @param myWeights my recognition weights, in [0, 1]
   * @param networkCommitments commitments by pubKey (mine, if present, is ignored except for
   *     activeParticipants)
   * @param networkWeights published recognition weights by pubKey
   * @param now epoch milliseconds
   * @return the subgroups
   */
  public static Subgroups of(
      String myId,
      Map<String, Double> myWeights,
      Map<String, Commitment> networkCommitments,
      Map<String, Map<String, Double>> networkWeights,
      long now) {
    Objects.requireNonNull(myId, "myId");
    Map<String, Map<String, Double>> theirs = new HashMap<>();
    networkCommitments.forEach((pk, c) -> theirs.put(pk, c.recognitionWeights()));
    theirs.putAll(networkWeights);
    Map<String, Double> mr = MutualRecognition.compute(myId, myWeights, theirs);

    TreeSet<String> active = new TreeSet<>();
    TreeSet<String> oscillating = new TreeSet<>();
    for (Map.Entry<String, Commitment> e : networkCommitments.entrySet()) {
      if (isActive(e.getValue(), now)) {
        active.add(e.getKey());
      }
      if (!e.getKey().equals(myId) && e.getValue().dampingFactor() < 1.0) {
        oscillating.add(e.getKey());
      }
    }
    TreeSet<String> mutualBen = new TreeSet<>();
    TreeSet<String> nonMutualBen = new TreeSet<>();
    for (Map.Entry<String, Double> e : mr.entrySet()) {
      if (e.getValue() > 0) {
        mutualBen.add(e.getKey());
      }
    }
    for (Map.Entry<String, Double> e : myWeights.entrySet()) {
      if (!e.getKey().equals(myId) && e.getValue() > 0 && !(mr.getOrDefault(e.getKey(), 0.0) > 0)) {
        nonMutualBen.add(e.getKey());
      }
    }
    TreeSet<String> mutualProv = new TreeSet<>();
    TreeSet<String> nonMutualProv = new TreeSet<>();
    for (Map.Entry<String, Commitment> e : networkCommitments.entrySet()) {
      String them = e.getKey();
      Commitment c = e.getValue();
      if (them.equals(myId) || !isActive(c, now) || !c.hasCapacity()) {
        continue;
      }
      Map<String, Double> w = theirs.getOrDefault(them, Map.of());
      if (!(w.getOrDefault(myId, 0.0) > 0)) {
        continue;
      }
      (mr.getOrDefault(them, 0.0) > 0 ? mutualProv : nonMutualProv).add(them);
    }
    TreeSet<String> mutualNeeds = withNeeds(mutualBen, networkCommitments, now);
    TreeSet<String> nonMutualNeeds = withNeeds(nonMutualBen, networkCommitments, now);
    TreeSet<String> partners = new TreeSet<>(mutualBen);
    partners.addAll(mutualProv);
    return new Subgroups(
        mr,
        frozen(mutualBen),
        frozen(nonMutualBen),
        frozen(mutualProv),
        frozen(nonMutualProv),
        frozen(mutualNeeds),
        frozen(nonMutualNeeds),
        frozen(partners),
        frozen(active),
        frozen(oscillating));
  }

  /**
   * Whether a commitment is active at {@code now}: younger than 60 s.
   *
   * @param c the commitment
   * @param now the current time, epoch milliseconds
   * @return true when published less than 60 s before {@code now}
   */
  public static boolean isActive(Commitment c, long now) {
    return now - c.timestamp() < ACTIVE_MILLIS;
  }

  /**
   * The active commitments only, in the same iteration order.
   *
   * @param commitments commitments by pubKey
   * @param now the current time, epoch milliseconds
   * @return those active at {@code now}
   */
  public static Map<String, Commitment> active(Map<String, Commitment> commitments, long now) {
    Map<String, Commitment> result = new java.util.LinkedHashMap<>();
    commitments.forEach(
        (pk, c) -> {
          if (isActive(c, now)) {
            result.put(pk, c);
          }
        });
    return Collections.unmodifiableMap(result);
  }

  private static TreeSet<String> withNeeds(
      Set<String> who, Map<String, Commitment> commitments, long now) {
    TreeSet<String> result = new TreeSet<>();
    for (String pk : who) {
      Commitment c = commitments.get(pk);
      if (c != null && isActive(c, now) && c.hasNeeds()) {
        result.add(pk);
      }
    }
    return result;
  }

  private static SortedSet<String> frozen(TreeSet<String> s) {
    return Collections.unmodifiableSortedSet(s);
  }
}
