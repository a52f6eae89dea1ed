package org.allocationcommons.core.damping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.core.model.DampingEntry;

class DampingProperties {

  private static final long NOW = 10_000_000L;

  @Provide
  Arbitrary<List<DampingEntry>> histories() {
    // increasing timestamps over the last ~2 minutes, over-allocations from a small set (ties matter)
    return Arbitraries.integers()
        .between(0, 8)
        .list()
        .ofMaxSize(10)
        .flatMap(
            vals ->
                Arbitraries.longs()
                    .between(1, 20_000)
                    .list()
                    .ofSize(vals.size())
                    .map(
                        gaps -> {
                          List<DampingEntry> h = new ArrayList<>();
                          long t = NOW;
                          for (int i = vals.size() - 1; i >= 0; i--) {
                            t -= gaps.get(i);
                            h.add(0, DampingEntry.of(vals.get(i), t));
                          }
                          return h;
                        }));
  }

  @Property
  void trimKeepsASuffixOfAtLeastThreeOrTheWholeRecentWindow(@ForAll("histories") List<DampingEntry> h) {
    List<DampingEntry> t = Damping.trim(h, NOW);
    assertThat(h.subList(h.size() - t.size(), h.size())).isEqualTo(t);
    long recent = h.stream().filter(e -> e.timestamp() > NOW - Damping.WINDOW_MILLIS).count();
    assertThat(t.size()).isEqualTo(recent >= 3 ? (int) recent : Math.min(3, h.size()));
  }

  @Property
  void factorIsOneOfThreeAndDependsOnlyOnTheLastThree(@ForAll("histories") List<DampingEntry> h) {
    double f = Damping.factor(h);
    assertThat(f).isIn(0.5, 0.8, 1.0);
    if (h.size() >= 3) {
      assertThat(Damping.factor(h.subList(h.size() - 3, h.size()))).isEqualTo(f);
      double a = h.get(h.size() - 3).overAllocation();
      double b = h.get(h.size() - 2).overAllocation();
      double c = h.get(h.size() - 1).overAllocation();
      assertThat(f == 0.5).isEqualTo((a < b && b > c) || (a > b && b < c));
    } else {
      assertThat(f).isEqualTo(1.0);
    }
  }
}
