package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.allocationcommons.sync.ConvergenceStatus;
import org.allocationcommons.sync.spi.Connectivity;
import org.junit.jupiter.api.Test;

/**
 * The reactor alone: recomputation a debounce after a change, the certificate withheld until
 * computed and quiet and re-granted by itself when the quiet period ends, connectivity withdrawing
 * and restoring it, nothing after close.
 */
class ReactorTest {

  /** Sets a commitment giving {@code quantity}, as the facade's {@code change} does. */
  private static void change(Parts p, double quantity) {
    p.own.commitment().set(Optional.of(p.giving(quantity)));
    p.reactor.inputChanged();
    p.reactor.trigger();
  }

  private static void advance(Parts p, long millis) {
    p.scheduler.advanceBy(Duration.ofMillis(millis));
  }

  @Test
  void nothingIsCertifiedBeforeTheFirstComputation() {
    Parts p = new Parts(1).founder();
    change(p, 10);
    advance(p, 50); // within the debounce
    assertThat(p.reactor.convergence().get()).isEqualTo(ConvergenceStatus.NOT_YET);
    assertThat(p.reactor.converged().get()).isFalse();
    assertThat(p.provider.computations()).isZero();
  }

  @Test
  void theCertificateWaitsForTheQuietPeriodAndThenGrantsItselfWithoutAnotherChange() {
    Parts p = new Parts(1).founder();
    change(p, 10);
    advance(p, 150); // computed once, 150 ms after the input changed (quiet period 1,100 ms)
    assertThat(p.provider.computations()).isEqualTo(1);
    ConvergenceStatus early = p.reactor.convergence().get();
    assertThat(early.converged()).isFalse();
    assertThat(early.reasons()).anyMatch(r -> r.startsWith("own commitment changed") && r.contains("quiet period 1100 ms"));
    advance(p, 5_000); // the recheck and the certificate's own re-evaluation; no input moved
    assertThat(p.reactor.convergence().get().reasons()).isEmpty();
    assertThat(p.reactor.converged().get()).isTrue();
    long computed = p.provider.computations();
    advance(p, 5_000);
    assertThat(p.provider.computations()).as("settled: no more recomputation").isEqualTo(computed);
  }

  @Test
  void aDisconnectWithdrawsTheCertificateWithItsReasonAndAReconnectRestoresIt() {
    Parts p = new Parts(1).founder();
    change(p, 10);
    advance(p, 5_000);
    assertThat(p.reactor.converged().get()).isTrue();

    p.reactor.connectivityChanged(Connectivity.disconnected("relay gone"));
    assertThat(p.reactor.connectivity()).isEqualTo(Connectivity.disconnected("relay gone"));
    assertThat(p.reactor.converged().get()).isFalse();
    assertThat(p.reactor.convergence().get().reasons()).containsExactly("transport disconnected: relay gone");

    p.reactor.connectivityChanged(Connectivity.connected(1, "relay back"));
    assertThat(p.reactor.converged().get()).isTrue();
  }

  @Test
  void anInputChangeAfterSettlingWithdrawsTheCertificateUntilQuietAgain() {
    Parts p = new Parts(1).founder();
    change(p, 10);
    advance(p, 5_000);
    assertThat(p.reactor.converged().get()).isTrue();
    change(p, 12);
    advance(p, 150);
    assertThat(p.reactor.converged().get()).isFalse();
    advance(p, 5_000);
    assertThat(p.reactor.converged().get()).isTrue();
  }

  @Test
  void aClosedReactorComputesAndCertifiesNothing() {
    Parts p = new Parts(1).founder();
    p.closed = true;
    change(p, 10);
    advance(p, 5_000);
    assertThat(p.provider.computations()).isZero();
    assertThat(p.reactor.convergence().get()).isEqualTo(ConvergenceStatus.NOT_YET);
    assertThat(p.published).isEmpty();
  }
}
