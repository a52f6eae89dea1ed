package org.allocationcommons.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.sync.envelope.VerificationCache;
import org.allocationcommons.testkit.fixtures.Fixtures;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static final NetworkConditions FAULTY = NetworkConditions.wideArea()
      .withLoss(0.05).withDuplication(0.05).withReordering(0.1, Duration.ofMillis(500));

  @Test
  void aSmallCommonsConvergesAndTheTimelineRecordsHow() {
    try (Simulation sim = Simulation.builder().nodes(30).seed(3).network(FAULTY).build()) {
      OptionalLong at = sim.runUntilConverged();
      assertThat(at).isPresent();
      SimulationResult r = sim.result();
      assertThat(r.convergedAtMillis()).isEqualTo(at);
      List<Sample> t = r.timeline();
      // One sample per virtual second from 0 to the converged one.
      assertThat(t).hasSize((int) (at.getAsLong() / 1000) + 1);
      for (int i = 0; i < t.size(); i++) {
        assertThat(t.get(i).atMillis()).isEqualTo(1000L * i);
        assertThat(t.get(i).participants()).isEqualTo(30);
        assertThat(t.get(i).active()).isEqualTo(30);
      }
      Sample last = t.get(t.size() - 1);
      assertThat(last.convergedFraction()).isGreaterThanOrEqualTo(0.8);
      assertThat(t.subList(0, t.size() - 1)).allSatisfy(s -> assertThat(s.convergedFraction()).isLessThan(0.8));
      assertThat(t.get(0).converged()).isZero();
      assertThat(last.messages()).isPositive().isEqualTo(sim.network().stats().messages());
      assertThat(last.bytes()).isGreaterThan(last.messages());
      assertThat(last.maxStampBytes()).isPositive();
      assertThat(last.capacity()).isPositive();
      assertThat(last.unusedCapacity()).isBetween(0.0, last.capacity());
      assertThat(r.events()).extracting(SimulationEvent::description)
          .contains("30 participants joined; founder " + sim.participants().get(0).substring(0, 8))
          .anySatisfy(d -> assertThat(d).startsWith("network converged:"));
      assertThat(sim.scheduler().failures()).isEmpty();
      assertThat(r.converged()).isTrue();
    }
  }

  @Test
  void everyConvergedNodeKnowsFreshCommitmentsOfEveryoneItSharesRecognitionWith() {
    try (Simulation sim = Simulation.builder().commons(Fixtures.toolLibrary()).seed(5)
        .network(NetworkConditions.perfect()).build()) {
      assertThat(sim.runUntilConverged()).isPresent();
      int converged = 0;
      for (String k : sim.participants()) {
        if (sim.isConverged(k)) {
          converged++;
          var known = sim.node(k).networkCommitments().get();
          var mine = sim.commons().commitment(k).orElseThrow();
          assertThat(known).containsKeys(mine.recognitionWeights().keySet().toArray(String[]::new));
        }
      }
      assertThat(converged).isGreaterThanOrEqualTo(5); // 80% of 6, rounded up
      // The founder (ana) allocates her tools as the fixture's javadoc works out: ben 3.6364.
      String ana = sim.participants().get(0);
      String ben = sim.participants().get(1);
      var state = sim.node(ana).allocationState().get().orElseThrow();
      double toBen = state.slotAllocations().stream()
          .filter(a -> a.availabilitySlotId().equals("ana-tools") && a.recipientPubkey().equals(ben))
          .mapToDouble(a -> a.quantity()).sum();
      assertThat(toBen).isCloseTo(3.6364, org.assertj.core.data.Offset.offset(1e-3));
      // Capacity: ana 10 + 6, ben 8, dila 20 = 44. Unused: dila's 20 pages (nobody needs translation),
      // 1 of ana's 6 repair hours (cem 3 + fay 2), 4 of ben's 8 childcare hours (ana needs 4) = 25.
      // Everyone receives at most what it needs: no over-allocation.
      Sample last = sim.sample();
      assertThat(last.capacity()).isEqualTo(44.0);
      assertThat(last.unusedCapacity()).isCloseTo(25.0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(last.overAllocation()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnotherOne() {
    SimulationResult a = runFor(30, 11, Duration.ofSeconds(40));
    SimulationResult b = runFor(30, 11, Duration.ofSeconds(40));
    SimulationResult c = runFor(30, 12, Duration.ofSeconds(40));
    assertThat(b.timeline()).isEqualTo(a.timeline());
    assertThat(b.events()).isEqualTo(a.events());
    assertThat(b.network()).isEqualTo(a.network());
    assertThat(b.convergedAtMillis()).isEqualTo(a.convergedAtMillis());
    assertThat(c.timeline()).isNotEqualTo(a.timeline());
  }

  @Test
  void sharedSignatureVerificationsChangeNothingButAreReused() {
    VerificationCache shared = VerificationCache.bounded(VerificationCache.DEFAULT_MAX_ENTRIES);
    VerificationCache tiny = VerificationCache.bounded(1); // holds one signature: almost every check verifies
    SimulationResult withShared = runFor(30, 11, Duration.ofSeconds(40), shared);
    SimulationResult withTiny = runFor(30, 11, Duration.ofSeconds(40), tiny);
    assertThat(withShared.timeline()).isEqualTo(withTiny.timeline());
    assertThat(withShared.events()).isEqualTo(withTiny.events());
    assertThat(withShared.network()).isEqualTo(withTiny.network());
    assertThat(shared.misses()).as("distinct signatures verified").isPositive();
    assertThat(shared.hits())
        .as("each document reaches several subscribers and is verified once")
        .isGreaterThan(shared.misses());
    assertThat(tiny.hits()).isLessThan(shared.hits());
  }

  private static SimulationResult runFor(int nodes, long seed, Duration d, VerificationCache cache) {
    try (Simulation sim = Simulation.builder().nodes(nodes).seed(seed).network(FAULTY.withLoss(0.1))
        .verificationCache(cache).build()) {
      sim.runFor(d);
      return sim.result();
    }
  }

  private static SimulationResult runFor(int nodes, long seed, Duration d) {
    try (Simulation sim = Simulation.builder().nodes(nodes).seed(seed).network(FAULTY.withLoss(0.1)).build()) {
      sim.runFor(d);
      return sim.result();
    }
  }

  @Test
  void everyNodeAllocatesWithTheChosenPolicy() {
    try (Simulation sim = Simulation.builder().nodes(25).seed(4).network(NetworkConditions.perfect())
        .policy(AllocationPolicy.WATER_FILLING).build()) {
      sim.runFor(Duration.ofSeconds(30));
      assertThat(sim.settings().policy()).isEqualTo(AllocationPolicy.WATER_FILLING);
      assertThat(sim.scheduler().failures()).isEmpty();
      int providers = 0;
      for (String k : sim.participants()) {
        var state = sim.node(k).allocationState().get();
        if (state.isEmpty() || state.get().slotAllocations().isEmpty()) {
          continue;
        }
        providers++;
        // Water-filling reduces a recipient's need by what the provider's earlier slots gave it, so
        // no provider gives anyone more than its stated need; the faithful policy may.
        state.get().recipientTotals().forEach((recipient, total) -> assertThat(total)
            .isLessThanOrEqualTo(sim.commons().commitment(recipient).orElseThrow().statedNeed() + 1e-9));
      }
      assertThat(providers).isPositive();
    }
  }

  @Test
  void builderAndControlArgumentsAreChecked() {
    assertThatThrownBy(() -> Simulation.builder().nodes(0)).hasMessageContaining("nodes must be >= 1, was 0");
    assertThatThrownBy(() -> Simulation.builder().threshold(1.5).nodes(2).build())
        .hasMessageContaining("threshold must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> Simulation.builder().timeLimit(Duration.ZERO).nodes(2).build())
        .hasMessageContaining("timeLimit must be > 0");
    try (Simulation sim = Simulation.builder().nodes(3).network(NetworkConditions.perfect()).build()) {
      assertThatThrownBy(() -> sim.node("nobody")).hasMessageContaining("'nobody' is not a participant");
      assertThatThrownBy(() -> sim.restart(List.of(sim.participants().get(1))))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not crashed");
      sim.crash(List.of(sim.participants().get(1)));
      assertThatThrownBy(() -> sim.crash(List.of(sim.participants().get(1))))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already crashed");
      assertThat(sim.crashed()).containsExactly(sim.participants().get(1));
    }
  }
}
