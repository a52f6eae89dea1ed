package org.allocationcommons.sync.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.allocation.IncrementalAllocation;
import org.allocationcommons.core.convergence.Convergence;
import org.allocationcommons.core.matching.CompatibilityIndex;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.document.RecognitionWeights;

/**
 * The provider side of a node: from its commitment and what it holds of the network, the subgroups,
 * mutual recognition and its allocation (SPEC 4.2-4.4, with the recipients' residual-need reports),
 * and local convergence: converged when, against the previous computation, every denominator (SPEC
 * 4.5) and every recipient's total (ours: a report moves allocations without moving denominators)
 * moved by at most {@link Convergence#EPSILON}. Used on the node's scheduler only.
 */
public final class ProviderSide {

  /** One computation's outcome. */
  public record Computed(AllocationResult result, Subgroups subgroups, boolean converged, boolean changed) {}

  private final String me;
  private final AllocationPolicy policy;
  private Optional<Map<String, SlotDenominators>> previousDenominators = Optional.empty();
  private Optional<Map<String, Double>> previousTotals = Optional.empty();
  private List<ConvergenceEntry> history = List.of();
  private Optional<Subgroups> subgroups = Optional.empty();
  private Map<String, Double> mutualRecognition = Map.of();
  private boolean converged;
  private long computations;
  /** The index of an earlier computation, and the (owner, need slots) it was built over. */
  private CompatibilityIndex index;
  private List<Map.Entry<String, List<NeedSlot>>> indexedNeeds = List.of();
  private long indexBuilds;
  /** The last computation, for the next one to replay the capacity slots a change cannot touch. */
  private Optional<IncrementalAllocation> allocation = Optional.empty();
  private long reusedSlots;

  public ProviderSide(String me, AllocationPolicy policy, Optional<AllocationState> last) {
    this.me = me;
    this.policy = policy;
    last.ifPresent(
        s -> {
          previousDenominators = Optional.of(s.slotDenominators());
          previousTotals = Optional.of(s.recipientTotals());
          history = s.convergenceHistory();
        });
  }

  /**
   * Computes the allocation of {@code mine} over the active commitments of {@code network} at
   * {@code now}, and whether it differs from {@code last} (the state last published).
   */
  public Computed compute(
      Optional<Commitment> mine,
      Map<String, Commitment> network,
      Map<String, RecognitionWeights> networkWeights,
      Optional<AllocationState> last,
      long now) {
    computations++;
    Map<String, Double> myW = mine.map(Commitment::recognitionWeights).orElse(Map.of());
    Map<String, Commitment> net = new LinkedHashMap<>(network);
    net.remove(me);
    Map<String, Map<String, Double>> netW = new HashMap<>();
    networkWeights.forEach((k, w) -> netW.put(k, w.weights()));
    netW.remove(me);
    Subgroups sg = Subgroups.of(me, myW, net, netW, now);
    subgroups = Optional.of(sg);
    mutualRecognition = sg.mutualRecognition();
    Commitment c = mine.orElseGet(() -> Commitment.builder(me).timestamp(Math.max(now, 1)).build());
    Map<String, Commitment> active = Subgroups.active(net, now);
    AllocationInput input = AllocationInput.of(me, c, mutualRecognition, myW, active);
    CompatibilityIndex idx = indexFor(active);
    IncrementalAllocation next =
        allocation.map(a -> a.next(input, idx)).orElseGet(() -> IncrementalAllocation.of(input, policy, idx));
    allocation = Optional.of(next);
    reusedSlots += next.reusedSlots();
    AllocationResult result = next.result();
    Convergence.Check check =
        Convergence.both(
            Convergence.check(previousDenominators, result.slotDenominators()),
            Convergence.checkTotals(previousTotals, result.recipientTotals()));
    history = Convergence.record(history, check, now, Convergence.DEFAULT_HISTORY_LIMIT);
    previousDenominators = Optional.of(result.slotDenominators());
    previousTotals = Optional.of(result.recipientTotals());
    converged = check.converged();
    boolean changed =
        last.isEmpty()
            || !last.get().slotDenominators().equals(result.slotDenominators())
            || !last.get().slotAllocations().equals(result.slotAllocations())
            || !last.get().recipientTotals().equals(result.recipientTotals())
            || !last.get().recipientOffers().equals(result.recipientOffers())
            || last.get().converged() != converged;
    return new Computed(result, sg, converged, changed);
  }

  /**
   * The compatibility index over {@code active}'s need slots: the last one while every need slot
   * is as it was, since most changes a provider sees are not to needs (a recipient's residual-need
   * report, its damping factor, recognition, capacity); building it was about a third of a
   * computation at 30,000 participants. Equal need slots give the index {@link
   * CompatibilityIndex#of} would build, so the allocation is the same either way.
   */
  private CompatibilityIndex indexFor(Map<String, Commitment> active) {
    List<Map.Entry<String, List<NeedSlot>>> needs = new ArrayList<>();
    for (Map.Entry<String, Commitment> e : new TreeMap<>(active).entrySet()) {
      List<NeedSlot> slots = e.getValue().needSlots();
      if (!e.getKey().equals(me) && !slots.isEmpty()) {
        needs.add(Map.entry(e.getKey(), slots));
      }
    }
    if (index == null || !needs.equals(indexedNeeds)) {
      index = CompatibilityIndex.of(active, me);
      indexedNeeds = needs;
      indexBuilds++;
    }
    return index;
  }

  /** How many capacity slots, over all computations, were replayed from the previous one. */
  public long reusedSlots() {
    return reusedSlots;
  }

  /** How many times a compatibility index was built (the rest reused one). */
  public long indexBuilds() {
    return indexBuilds;
  }

  /** The state to publish for {@code computed}, stamped {@code stamp} at {@code now}. */
  public AllocationState state(Computed computed, Stamp stamp, long now) {
    return computed.result().toState(computed.converged(), history, stamp, Math.max(now, 1));
  }

  /** Mutual recognition of the last computation, positive entries only (published in the commitment). */
  public Map<String, Double> positiveMutualRecognition() {
    Map<String, Double> m = new LinkedHashMap<>();
    mutualRecognition.forEach(
        (k, v) -> {
          if (v > 0) {
            m.put(k, v);
          }
        });
    return m;
  }

  public Map<String, Double> mutualRecognition() {
    return mutualRecognition;
  }

  public Optional<Subgroups> subgroups() {
    return subgroups;
  }

  /** Whether the last computation converged locally. */
  public boolean converged() {
    return converged;
  }

  public long computations() {
    return computations;
  }
}
