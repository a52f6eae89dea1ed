package org.allocationcommons.sync.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.envelope.VerificationCache;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

class InboundGuardTest {

  final AtomicLong now = new AtomicLong(1_000_000);
  final Identity alice = Identity.generate();
  final Identity bob = Identity.generate();
  final String aliceC = DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT);
  final String aliceS = DocumentPaths.of(alice.pubKey(), DocumentPaths.ALLOCATION_STATE);
  final String bobC = DocumentPaths.of(bob.pubKey(), DocumentPaths.COMMITMENT);

  InboundGuard unlimited(int recent) {
    return InboundGuard.builder(now::get).budget(InboundBudget.unlimited()).recentDeliveries(recent).build();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRepeatIsDroppedWithTheFirstCopysOutcome() {
    InboundGuard g = unlimited(16);
    Admission first = g.admit(aliceC, bytes("doc 1"));
    assertThat(first.admitted()).isTrue();
    Admission whilePending = g.admit(aliceC, bytes("doc 1"));
    assertThat(whilePending.dropped()).contains(Rejection.DUPLICATE);
    assertThat(whilePending.previous()).contains(Outcome.PENDING);
    first.rejected(Rejection.BAD_SIGNATURE);
    Admission later = g.admit(aliceC, bytes("doc 1"));
    assertThat(later.dropped()).contains(Rejection.DUPLICATE);
    assertThat(later.previous()).contains(Outcome.rejected(Rejection.BAD_SIGNATURE));
    assertThat(g.dropped(Rejection.DUPLICATE)).isEqualTo(2);
    assertThat(g.admitted()).isEqualTo(1);
  }

  @Test
  void otherBytesOrAnotherPathAreNotRepeats() {
    InboundGuard g = unlimited(16);
    g.admit(aliceC, bytes("doc 1")).settle(Outcome.ACCEPTED);
    assertThat(g.admit(aliceC, bytes("doc 2")).admitted()).isTrue();
    assertThat(g.admit(aliceS, bytes("doc 1")).admitted()).isTrue();
    assertThat(g.admit(bobC, bytes("doc 1")).admitted()).isTrue();
  }

  @Test
  void aForgottenDeliveryIsAdmittedAgain() {
    InboundGuard g = unlimited(16);
    g.admit(aliceC, bytes("far future")).forget(); // outcome may change with time
    assertThat(g.admit(aliceC, bytes("far future")).admitted()).isTrue();
    g.admit(aliceS, bytes("state")).settle(Outcome.ACCEPTED);
    g.forget(aliceC); // the node dropped what it held at that path
    assertThat(g.admit(aliceC, bytes("far future")).admitted()).isTrue();
    assertThat(g.admit(aliceS, bytes("state")).admitted()).isFalse(); // other paths untouched
  }

  @Test
  void theMemoryOfRecentDeliveriesIsBoundedLeastRecentlyUsedFirst() {
    InboundGuard g = unlimited(2);
    g.admit(aliceC, bytes("1")).settle(Outcome.STALE);
    g.admit(aliceC, bytes("2")).settle(Outcome.STALE);
    assertThat(g.admit(aliceC, bytes("1")).admitted()).isFalse(); // touches 1: 2 is now the eldest
    g.admit(aliceC, bytes("3")).settle(Outcome.STALE);
    assertThat(g.remembered()).isEqualTo(2);
    assertThat(g.admit(aliceC, bytes("1")).admitted()).isFalse();
    assertThat(g.admit(aliceC, bytes("2")).admitted()).isTrue();
  }

  @Test
  void eachOwnerHasItsOwnByteBudgetRefilledWithTime() {
    InboundGuard g = InboundGuard.builder(now::get).budget(new InboundBudget(100, 1000, 1000, 1000)).build();
    byte[] d400 = new byte[400];
    d400[0] = 1;
    byte[] e400 = new byte[400];
    e400[0] = 2;
    byte[] f400 = new byte[400];
    f400[0] = 3;
    assertThat(g.admit(aliceC, d400).admitted()).isTrue();
    assertThat(g.admit(aliceS, e400).admitted()).isTrue(); // same owner, another path: same budget
    Admission over = g.admit(aliceC, f400);
    assertThat(over.dropped()).contains(Rejection.RATE_LIMITED);
    assertThat(g.admit(bobC, f400).admitted()).isTrue(); // bob's budget is his own
    now.addAndGet(1_999); // 199.9 bytes refilled: 399.9 < 400
    assertThat(g.admit(aliceC, f400).dropped()).contains(Rejection.RATE_LIMITED);
    now.addAndGet(1);
    assertThat(g.admit(aliceC, f400).admitted()).isTrue(); // not remembered when rate-limited: passes now
    assertThat(g.dropped(Rejection.RATE_LIMITED)).isEqualTo(2);
  }

  @Test
  void theDeliveryBudgetBoundsManySmallDeliveriesAndRepeatsCostNothingFromIt() {
    InboundGuard g = InboundGuard.builder(now::get).budget(new InboundBudget(1e9, 1 << 30, 2, 3)).build();
    for (int i = 0; i < 3; i++) {
      assertThat(g.admit(aliceC, bytes("d" + i)).admitted()).isTrue();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(g.admit(aliceC, bytes("d0")).dropped()).contains(Rejection.DUPLICATE);
    }
    assertThat(g.admit(aliceC, bytes("d3")).dropped()).contains(Rejection.RATE_LIMITED);
    now.addAndGet(500);
    assertThat(g.admit(aliceC, bytes("d3")).admitted()).isTrue();
    assertThat(g.admit(aliceC, bytes("d4")).dropped()).contains(Rejection.RATE_LIMITED);
  }

  @Test
  void aClockGoingBackRefillsNothing() {
    InboundGuard g = InboundGuard.builder(now::get).budget(new InboundBudget(1, 1, 1, 1)).build();
    assertThat(g.admit(aliceC, bytes("a")).admitted()).isTrue();
    now.addAndGet(-3_600_000);
    assertThat(g.admit(aliceC, bytes("b")).admitted()).isFalse();
    now.addAndGet(3_600_000 + 999);
    assertThat(g.admit(aliceC, bytes("b")).admitted()).isFalse();
    now.addAndGet(1);
    assertThat(g.admit(aliceC, bytes("b")).admitted()).isTrue();
  }

  @Test
  void aReplayedValidDocumentCostsAHashNotAVerification() {
    // The node's flow: admit, then open only if admitted. The cache counts verifications.
    Envelopes sealer = Envelopes.using(Codec.defaults());
    VerificationCache counter = VerificationCache.bounded(1); // misses() counts verifications computed
    Envelopes opener = sealer.withVerificationCache(counter);
    byte[] env =
        sealer.seal(alice, aliceC, Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(5).build());
    InboundGuard g = InboundGuard.withDefaults(now::get);
    int opened = 0;
    for (int i = 0; i < 1_500; i++) {
      Admission a = g.admit(aliceC, env);
      if (a.admitted()) {
        opener.open(aliceC, env);
        opened++;
        a.settle(Outcome.ACCEPTED);
      }
    }
    assertThat(opened).isEqualTo(1);
    assertThat(counter.misses() + counter.hits()).isEqualTo(1);
    assertThat(g.dropped(Rejection.DUPLICATE)).isEqualTo(1_499);
  }

  @Test
  void onlyAdmittedDeliveriesCanBeSettledAndBoundsAreChecked() {
    InboundGuard g = InboundGuard.builder(now::get).budget(new InboundBudget(1, 1, 1, 1)).build();
    Admission a = g.admit(aliceC, bytes("ab")); // 2 bytes > burst of 1
    assertThat(a.admitted()).isFalse();
    assertThatThrownBy(() -> a.settle(Outcome.ACCEPTED)).isInstanceOf(IllegalStateException.class).hasMessageContaining("RATE_LIMITED");
    assertThatThrownBy(() -> new InboundBudget(0, 1, 1, 1)).hasMessage("bytesPerSecond = 0.0: must be finite and > 0");
    assertThatThrownBy(() -> new InboundBudget(1, 0, 1, 1)).hasMessage("burstBytes = 0: must be at least 1");
    assertThatThrownBy(() -> new InboundBudget(1, 1, Double.NaN, 1)).hasMessage("deliveriesPerSecond = NaN: must be finite and > 0");
    assertThatThrownBy(() -> new InboundBudget(1, 1, 1, 0)).hasMessage("burstDeliveries = 0: must be at least 1");
    assertThatThrownBy(() -> InboundGuard.builder(now::get).recentDeliveries(0)).hasMessage("recentDeliveries = 0: must be at least 1");
    assertThatThrownBy(() -> new Outcome(Outcome.Kind.ACCEPTED, java.util.Optional.of(Rejection.MALFORMED)))
        .hasMessageContaining("a reason is required for, and only for, REJECTED");
  }
}
