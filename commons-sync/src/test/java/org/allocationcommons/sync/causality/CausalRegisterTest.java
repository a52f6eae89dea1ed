package org.allocationcommons.sync.causality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.causality.CausalRegister.Outcome;
import org.junit.jupiter.api.Test;

class CausalRegisterTest {

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  final Stamp s1 = Stamp.seed().event();
  final Stamp s2 = s1.event();

  @Test
  void firstNewerStaleAndDuplicate() {
    CausalRegister<String> r = CausalRegister.named("doc");
    assertThat(r.offer("bob", "v1", s1, 10, b("v1"))).isEqualTo(Outcome.ACCEPTED_FIRST);
    assertThat(r.offer("bob", "v2", s2, 20, b("v2"))).isEqualTo(Outcome.ACCEPTED_NEWER);
    assertThat(r.offer("bob", "v1", s1, 10, b("v1"))).isEqualTo(Outcome.IGNORED_STALE);
    assertThat(r.offer("bob", "v2", s2, 20, b("v2"))).isEqualTo(Outcome.IGNORED_STALE);
    assertThat(r.get("bob")).contains("v2");
    assertThat(r.stampOf("bob")).contains(s2);
    assertThat(r.acceptedCount()).isEqualTo(2);
    assertThat(r.staleCount()).isEqualTo(2);
    assertThat(r.concurrentCount()).isZero();
  }

  @Test
  void concurrentVersionsAreDecidedByTimestampThenByPayloadHash() {
    Stamp.Fork f = Stamp.seed().fork();
    Stamp x = f.left().event();
    Stamp y = f.right().event();
    assertThat(Order.of(x, y)).isEqualTo(Order.CONCURRENT);

    CausalRegister<String> r = CausalRegister.named("doc");
    r.offer("bob", "x", x, 10, b("x"));
    assertThat(r.offer("bob", "y", y, 5, b("y"))).isEqualTo(Outcome.IGNORED_CONCURRENT);
    assertThat(r.get("bob")).contains("x");

    CausalRegister<String> r2 = CausalRegister.named("doc");
    r2.offer("bob", "y", y, 5, b("y"));
    assertThat(r2.offer("bob", "x", x, 10, b("x"))).isEqualTo(Outcome.ACCEPTED_CONCURRENT);
    assertThat(r2.get("bob")).contains("x");
    assertThat(r2.concurrentCount()).isEqualTo(1);

    // equal timestamps: the lexicographically higher SHA-256 of the payload wins, in either order
    String hx = CausalRegister.sha256(b("x"));
    String hy = CausalRegister.sha256(b("y"));
    String winner = hx.compareTo(hy) > 0 ? "x" : "y";
    CausalRegister<String> r3 = CausalRegister.named("doc");
    r3.offer("bob", "x", x, 7, b("x"));
    r3.offer("bob", "y", y, 7, b("y"));
    CausalRegister<String> r4 = CausalRegister.named("doc");
    r4.offer("bob", "y", y, 7, b("y"));
    r4.offer("bob", "x", x, 7, b("x"));
    assertThat(r3.get("bob")).contains(winner);
    assertThat(r4.get("bob")).contains(winner);
  }

  @Test
  void authorsAreIndependent() {
    CausalRegister<String> r = CausalRegister.named("doc");
    r.offer("bob", "b", s2, 1, b("b"));
    assertThat(r.offer("carol", "c", s1, 1, b("c"))).isEqualTo(Outcome.ACCEPTED_FIRST);
    assertThat(r.snapshot()).containsOnlyKeys("bob", "carol");
    r.remove("bob");
    assertThat(r.snapshot()).containsOnlyKeys("carol");
  }
}
