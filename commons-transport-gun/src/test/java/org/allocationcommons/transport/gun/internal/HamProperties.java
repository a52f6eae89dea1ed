package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.allocationcommons.transport.gun.internal.Ham.Verdict;

class HamProperties {

  record V(double state, String value) {}

  @Provide
  Arbitrary<V> values() {
    // few distinct states so that ties (the lexical rule) are common
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of(1.0, 2.0, 2.5, 1.7e12, 1.7e12 + 0.001),
            Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(4))
        .as(V::new);
  }

  private static Verdict cmp(V held, V incoming) {
    return Ham.compare(held.state(), Ham.jsonString(held.value()), incoming.state(), Ham.jsonString(incoming.value()));
  }

  @Property(tries = 500)
  void exactlyOneOfTwoDifferentValuesWins(@ForAll("values") V a, @ForAll("values") V b) {
    Verdict ab = cmp(a, b);
    Verdict ba = cmp(b, a);
    if (a.equals(b)) {
      assertThat(ab).isEqualTo(Verdict.DUPLICATE);
      assertThat(ba).isEqualTo(Verdict.DUPLICATE);
    } else {
      assertThat(ab == Verdict.ACCEPT).isNotEqualTo(ba == Verdict.ACCEPT);
      assertThat(ab).isNotEqualTo(Verdict.DUPLICATE);
    }
  }

  @Property(tries = 500)
  void receivingInAnyOrderHoldsTheSameWinner(@ForAll("values") V a, @ForAll("values") V b, @ForAll("values") V c) {
    assertThat(fold(a, b, c)).isEqualTo(fold(c, b, a)).isEqualTo(fold(b, c, a));
  }

  private static V fold(V... vs) {
    V held = null;
    for (V v : vs) {
      if (held == null || cmp(held, v) == Verdict.ACCEPT) {
        held = v;
      }
    }
    return held;
  }
}
