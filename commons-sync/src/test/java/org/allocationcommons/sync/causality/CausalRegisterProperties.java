package org.allocationcommons.sync.causality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.allocationcommons.itc.Stamp;

class CausalRegisterProperties {

  /**
   * A single writer's successive versions, delivered in any order with duplicates: the register
   * always ends at the last version, and never moves backwards on the way.
   */
  @Property(tries = 200)
  void anyOrderOfDuplicatedVersionsEndsAtTheNewest(
      @ForAll @IntRange(min = 1, max = 12) int versions, @ForAll long seed) {
    List<Stamp> stamps = new ArrayList<>();
    Stamp s = Stamp.seed().fork().left();
    for (int i = 0; i < versions; i++) {
      s = s.event();
      stamps.add(s);
    }
    List<Integer> deliveries = new ArrayList<>();
    Random rnd = new Random(seed);
    for (int i = 0; i < versions; i++) {
      deliveries.add(i);
      if (rnd.nextBoolean()) {
        deliveries.add(i);
      }
    }
    Collections.shuffle(deliveries, rnd);
    CausalRegister<Integer> r = CausalRegister.named("doc");
    int best = -1;
    for (int i : deliveries) {
      r.offer("w", i, stamps.get(i), 1000 + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
      best = Math.max(best, i);
      assertThat(r.get("w")).contains(best);
    }
    assertThat(r.get("w")).contains(versions - 1);
    assertThat(r.concurrentCount()).isZero();
    assertThat(r.acceptedCount() + r.staleCount()).isEqualTo(deliveries.size());
  }
}
