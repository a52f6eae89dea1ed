package org.allocationcommons.sync.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.allocationcommons.sync.spi.DocumentPaths;

class InboundGuardProperties {

  static final List<String> OWNERS = List.of(
      "A".repeat(43), "B".repeat(43), "C".repeat(43));

  /** A delivery: which owner, which content (small alphabet, so repeats happen), its size, the time step. */
  record Delivery(int owner, int content, int size, int stepMillis) {}

  @Provide
  Arbitrary<List<Delivery>> deliveries() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 30),
            Arbitraries.integers().between(1, 3000),
            Arbitraries.integers().between(0, 500))
        .as(Delivery::new)
        .list()
        .ofMaxSize(300);
  }

  static byte[] content(Delivery d) {
    byte[] b = new byte[d.size()];
    b[0] = (byte) d.content();
    return b;
  }

  static String path(Delivery d) {
    return DocumentPaths.of(OWNERS.get(d.owner()), DocumentPaths.COMMITMENT);
  }

  @Property(tries = 200)
  void admittedWorkPerOwnerNeverExceedsBurstPlusRateTimesElapsed(
      @ForAll("deliveries") List<Delivery> ds,
      @ForAll @IntRange(min = 100, max = 10_000) int burstBytes,
      @ForAll @IntRange(min = 1, max = 20) int burstDeliveries) {
    AtomicLong now = new AtomicLong();
    double bytesPerSecond = 2000;
    double deliveriesPerSecond = 5;
    InboundGuard g =
        InboundGuard.builder(now::get)
            .budget(new InboundBudget(bytesPerSecond, burstBytes, deliveriesPerSecond, burstDeliveries))
            .build();
    Map<Integer, Long> bytes = new HashMap<>();
    Map<Integer, Long> count = new HashMap<>();
    for (Delivery d : ds) {
      now.addAndGet(d.stepMillis());
      Admission a = g.admit(path(d), content(d));
      if (a.admitted()) {
        a.settle(Outcome.ACCEPTED);
        bytes.merge(d.owner(), (long) d.size(), Long::sum);
        count.merge(d.owner(), 1L, Long::sum);
      }
      double elapsed = now.get() / 1000.0;
      assertThat(bytes.getOrDefault(d.owner(), 0L)).isLessThanOrEqualTo((long) (burstBytes + elapsed * bytesPerSecond + 1e-6));
      assertThat(count.getOrDefault(d.owner(), 0L)).isLessThanOrEqualTo((long) (burstDeliveries + elapsed * deliveriesPerSecond + 1e-6));
    }
  }

  @Property(tries = 200)
  void withRoomForAllEachDistinctDeliveryIsAdmittedExactlyOnce(@ForAll("deliveries") List<Delivery> ds) {
    InboundGuard g = InboundGuard.builder(() -> 0).budget(InboundBudget.unlimited()).recentDeliveries(1000).build();
    Set<String> seen = new HashSet<>();
    for (Delivery d : ds) {
      String key = path(d) + "/" + d.content() + "/" + d.size();
      Admission a = g.admit(path(d), content(d));
      assertThat(a.admitted()).isEqualTo(seen.add(key));
    }
    assertThat(g.admitted()).isEqualTo(seen.size());
  }
}
