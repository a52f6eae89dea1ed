package org.allocationcommons.testkit.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.Slot;
import org.junit.jupiter.api.Test;

class CommonsGeneratorTest {

  private final Commons big = CommonsGenerator.generate(600, new SplittableRandom(7));

  private Stream<Slot> slots() {
    return big.commitments().stream().flatMap(c -> Stream.concat(c.capacitySlots().stream(), c.needSlots().stream()));
  }

  @Test
  void aboutOneSlotInTenIsRemote() {
    long all = slots().count();
    long remote = slots().filter(s -> s.locationType().map(t -> t.equals("online") || t.equals("remote")).orElse(false)).count();
    assertThat(all).isGreaterThan(1_000);
    assertThat((double) remote / all).isBetween(0.07, 0.13);
  }

  @Test
  void datesSpreadAcrossTheMonthsOfTheYear() {
    long months = slots().flatMap(s -> s.startDate().stream()).map(d -> d.substring(0, 7)).distinct().count();
    assertThat(months).isEqualTo(12);
    double dated = (double) slots().filter(s -> s.startDate().isPresent()).count() / slots().count();
    assertThat(dated).isBetween(0.65, 0.75);
  }

  @Test
  void recognitionIsClusteredByCityAndOftenMutual() {
    Map<String, String> cityOf = new HashMap<>();
    for (Commitment c : big.commitments()) {
      Stream.concat(c.capacitySlots().stream(), c.needSlots().stream())
          .flatMap(s -> s.city().stream()).findFirst().ifPresent(city -> cityOf.put(c.pubKey(), city));
    }
    Map<String, Commitment> byKey = big.byPubKey();
    int edges = 0;
    int sameCity = 0;
    int mutual = 0;
    for (Commitment c : big.commitments()) {
      for (String other : c.recognitionWeights().keySet()) {
        edges++;
        if (cityOf.containsKey(c.pubKey()) && cityOf.get(c.pubKey()).equals(cityOf.get(other))) {
          sameCity++;
        }
        if (byKey.get(other).recognitionWeights().containsKey(c.pubKey())) {
          mutual++;
        }
      }
    }
    assertThat(edges).isGreaterThan(1_500);
    // Clusters reuse the 20 cities when there are more than 20, so "same city" slightly overcounts.
    assertThat((double) sameCity / edges).isGreaterThan(0.7);
    assertThat((double) mutual / edges).isBetween(0.4, 0.95);
  }

  @Test
  void mostParticipantsOfferAndNeedSomething() {
    long providers = big.commitments().stream().filter(Commitment::hasCapacity).count();
    long needers = big.commitments().stream().filter(Commitment::hasNeeds).count();
    assertThat((double) providers / big.size()).isBetween(0.6, 0.8);
    assertThat((double) needers / big.size()).isBetween(0.7, 0.9);
  }

  @Test
  void generatedKeysLookLikeEd25519KeysAndCanBeGiven() {
    assertThat(big.pubKeys()).allSatisfy(k -> assertThat(k).matches("[A-Za-z0-9_-]{43}"));
    Commons named = CommonsGenerator.generate(List.of("ann", "bo", "cy"), new SplittableRandom(1));
    assertThat(named.pubKeys()).containsExactly("ann", "bo", "cy");
    assertThat(named.name()).isEqualTo("generated commons of 3");
  }

  @Test
  void badArgumentsAreRejected() {
    assertThatThrownBy(() -> CommonsGenerator.generate(0, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("participants must be >= 1, was 0");
    assertThatThrownBy(() -> CommonsGenerator.generate(List.of("a", "a"), new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    assertThatThrownBy(() -> big.withPubKeys(List.of("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1 keys for 600 participants");
    Commitment c = Commitment.builder("x").timestamp(1).build();
    assertThatThrownBy(() -> new Commons("dup", List.of(c, c)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pubKey 'x' appears twice");
  }
}
