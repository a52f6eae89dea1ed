package org.allocationcommons.core.subgroups;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.junit.jupiter.api.Test;

/** SPEC 4.6 on a small network. */
class SubgroupsTest {

  private static final long NOW = 1_700_000_100_000L;

  @Test
  void subgroupsOfASmallNetwork() {
    Map<String, Commitment> network =
        Map.of(
            // mutual, fresh, has capacity and needs
            "bob",
            Commitment.builder("bob").timestamp(NOW - 1_000).recognize("me", 0.5)
                .capacitySlot(AvailabilitySlot.of("b1", "", 3)).needSlot(NeedSlot.of("bn", "", 2)).build(),
            // I recognise carol, she does not recognise me; she has needs
            "carol",
            Commitment.builder("carol").timestamp(NOW - 59_999).needSlot(NeedSlot.of("cn", "", 1))
                .dampingFactor(0.8).build(),
            // dave recognises me one-way and has capacity, fresh
            "dave",
            Commitment.builder("dave").timestamp(NOW - 10).recognize("me", 0.2)
                .capacitySlot(AvailabilitySlot.of("d1", "", 1)).build(),
            // erin is stale (exactly 60 s) and recognises me
            "erin",
            Commitment.builder("erin").timestamp(NOW - 60_000).recognize("me", 0.9)
                .capacitySlot(AvailabilitySlot.of("e1", "", 1)).build(),
            "me", Commitment.builder("me").timestamp(NOW).dampingFactor(0.5).build());
    // bob's published weights override his commitment's
    Map<String, Map<String, Double>> weights = Map.of("bob", Map.of("me", 0.4));
    Subgroups s =
        Subgroups.of("me", Map.of("bob", 0.6, "carol", 0.3, "erin", 0.1), network, weights, NOW);
    assertThat(s.mutualRecognition())
        .containsExactly(Map.entry("bob", 0.4), Map.entry("carol", 0.0), Map.entry("dave", 0.0), Map.entry("erin", 0.1));
    assertThat(s.mutualBeneficiaries()).containsExactly("bob", "erin");
    assertThat(s.nonMutualBeneficiaries()).containsExactly("carol");
    assertThat(s.mutualProvidersForMe()).containsExactly("bob"); // erin is stale
    assertThat(s.nonMutualProvidersForMe()).containsExactly("dave");
    assertThat(s.mutualBeneficiariesWithNeeds()).containsExactly("bob");
    assertThat(s.nonMutualBeneficiariesWithNeeds()).containsExactly("carol");
    assertThat(s.allMutualPartners()).containsExactly("bob", "erin");
    assertThat(s.activeParticipants()).containsExactly("bob", "carol", "dave", "me");
    assertThat(s.oscillatingParticipants()).containsExactly("carol");
    assertThat(Subgroups.active(network, NOW)).containsOnlyKeys("bob", "carol", "dave", "me");
  }
}
