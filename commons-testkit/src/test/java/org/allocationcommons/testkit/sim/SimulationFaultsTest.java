package org.allocationcommons.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.testkit.network.NetworkConditions;
import org.allocationcommons.testkit.network.NetworkStats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Whole commons under the faults of SPEC 6; each run takes several seconds of wall time. */
@Tag("slow")
class SimulationFaultsTest {

  @Test
  void twoHundredNodesConvergeUnderTenPercentLossWithDuplicationAndReordering() {
    NetworkConditions faults = NetworkConditions.wideArea()
        .withLoss(0.10).withDuplication(0.05).withReordering(0.10, Duration.ofMillis(500));
    try (Simulation sim = Simulation.builder().nodes(200).seed(21).network(faults).build()) {
      OptionalLong at = sim.runUntilConverged();
      assertThat(at).as("converged within %s", sim.settings().timeLimit()).isPresent();
      Sample last = sim.result().timeline().get(sim.result().timeline().size() - 1);
      assertThat(last.active()).isEqualTo(200);
      assertThat(last.converged()).isGreaterThanOrEqualTo(160);
      NetworkStats s = sim.network().stats();
      assertThat(s.lost()).as("messages lost").isPositive();
      assertThat(s.duplicated()).as("messages duplicated").isPositive();
      assertThat(s.retransmissions()).as("publishes retransmitted after a loss").isPositive();
      assertThat(s.staleAtRelay()).as("publishes overtaken or duplicated").isPositive();
      assertThat(sim.scheduler().failures()).isEmpty();
    }
  }

  @Test
  void aThirdPartitionedOffPastTheFreshnessWindowHealsAndConvergesAgain() {
    try (Simulation sim = Simulation.builder().nodes(90).seed(22).timeLimit(Duration.ofMinutes(10)).build()) {
      OptionalLong first = sim.runUntilConverged();
      assertThat(first).isPresent();
      List<String> third = sim.participants().subList(0, 30);
      sim.partition(third);
      long cut = sim.nowMillis();
      // Longer than the 60 s freshness window: commitments from across the cut go stale.
      sim.runFor(Duration.ofSeconds(90));
      List<Sample> during = sim.result().timeline().stream().filter(s -> s.atMillis() > cut).toList();
      assertThat(during).allSatisfy(s -> assertThat(s.partitioned()).isTrue());
      assertThat(during.get(during.size() - 1).convergedFraction()).as("converged fraction at the end of the partition")
          .isLessThan(sim.settings().threshold());

      sim.heal();
      long healed = sim.nowMillis();
      OptionalLong again = sim.runUntilConverged(Duration.ofSeconds(120));
      assertThat(again).as("converged again after healing").isPresent();
      assertThat(again.getAsLong()).isGreaterThan(healed);
      assertThat(sim.result().events()).extracting(SimulationEvent::description)
          .containsSubsequence("partitioned 30 of 90 participants off", "partition healed")
          .filteredOn(d -> d.startsWith("network converged")).hasSizeGreaterThanOrEqualTo(2);
      assertThat(sim.scheduler().failures()).isEmpty();
    }
  }

  @Test
  void crashingAndRestartingAFifthOfTheNodesLosesNoAcceptedCommitment() {
    try (Simulation sim = Simulation.builder().nodes(60).seed(23).timeLimit(Duration.ofMinutes(10)).build()) {
      assertThat(sim.runUntilConverged()).isPresent();
      sim.runFor(Duration.ofSeconds(2)); // let debounced writes settle, as between user actions

      List<String> fifth = new ArrayList<>();
      for (int i = 1; i < sim.participants().size(); i += 5) {
        fifth.add(sim.participants().get(i));
      }
      assertThat(fifth).hasSize(12);
      Map<String, Commitment> ownBefore = new HashMap<>();
      Map<String, Stamp> stampBefore = new HashMap<>();
      Map<String, Map<String, Commitment>> acceptedBefore = new HashMap<>();
      for (String k : sim.participants()) {
        ownBefore.put(k, sim.node(k).commitment().get().orElseThrow());
        stampBefore.put(k, sim.node(k).stamp());
        acceptedBefore.put(k, Map.copyOf(sim.node(k).networkCommitments().get()));
      }

      sim.crash(fifth);
      sim.runFor(Duration.ofSeconds(20));
      sim.restart(fifth);
      for (String k : fifth) {
        // Loaded from its storage directory before it has heard anything from the network.
        Commitment reloaded = sim.node(k).commitment().get().orElseThrow();
        assertThat(reloaded).isEqualTo(ownBefore.get(k));
        assertThat(stampBefore.get(k).leq(sim.node(k).stamp())).isTrue();
      }

      // The survivors alone are 80%: wait for the restarted nodes themselves to catch up.
      assertThat(sim.runUntil(() -> fifth.stream().allMatch(sim::isConverged), Duration.ofSeconds(120)))
          .as("every restarted node converged and informed again").isPresent();
      for (String k : sim.participants()) {
        Map<String, Commitment> now = sim.node(k).networkCommitments().get();
        acceptedBefore.get(k).forEach((author, before) -> {
          assertThat(now).as("%s still holds %s's commitment", k, author).containsKey(author);
          assertThat(before.itcStamp().leq(now.get(author).itcStamp()))
              .as("%s holds %s's commitment at least as new as before the crash", k, author).isTrue();
          assertThat(now.get(author).capacitySlots()).isEqualTo(before.capacitySlots());
        });
        Commitment own = sim.node(k).commitment().get().orElseThrow();
        assertThat(own.capacitySlots()).isEqualTo(ownBefore.get(k).capacitySlots());
        assertThat(own.needSlots()).isEqualTo(ownBefore.get(k).needSlots());
        assertThat(own.recognitionWeights()).isEqualTo(ownBefore.get(k).recognitionWeights());
      }
      assertThat(sim.result().events()).extracting(SimulationEvent::description)
          .contains("crashed 12 participants", "restarted 12 participants from storage");
      assertThat(sim.scheduler().failures()).isEmpty();
    }
  }
}
