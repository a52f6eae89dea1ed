package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.ConvergenceStatus;
import org.allocationcommons.sync.spi.Connectivity;
import org.junit.jupiter.api.Test;

/** SPEC 4.5's certificate: false in each case the spec lists, with the reason; true only when all hold. */
class CertificateTest {

  private static final long NOW = 1_700_000_000_000L;
  private static final long QUIET = 1_100;

  private static Commitment commitment(String who) {
    return Commitment.builder(who).timestamp(NOW - 5_000).build();
  }

  private static AllocationState state(boolean converged, String recipient) {
    return new AllocationState(Map.of(), List.of(), Map.of(recipient, 1.0), converged, List.of(), Stamp.seed(), NOW - 5_000);
  }

  /** Every condition holds: me, following provider p whose converged state gives me 1. */
  private static Certificate.Inputs settled() {
    return new Certificate.Inputs(
        "me", true, true, true, Set.of("p"), Map.of("p", commitment("p")), Map.of("p", state(true, "me")),
        Connectivity.connected(1, "relay"), NOW - 10_000, NOW - 10_000, QUIET, NOW);
  }

  private static Certificate.Inputs with(
      boolean computed, boolean local, Map<String, AllocationState> states, Connectivity link, long input, long received) {
    Certificate.Inputs s = settled();
    return new Certificate.Inputs(
        s.me(), computed, local, s.givesOrReceives(), s.statePeers(), s.commitments(), states, link, input, received,
        s.quietMillis(), s.now());
  }

  @Test
  void convergedOnlyWhenEveryConditionHolds() {
    ConvergenceStatus s = Certificate.evaluate(settled());
    assertThat(s.converged()).isTrue();
    assertThat(s.reasons()).isEmpty();
    assertThat(Certificate.nextChange(settled())).isEmpty();
  }

  @Test
  void notBeforeAnythingWasComputed() {
    assertThat(Certificate.evaluate(with(false, true, settled().states(), Connectivity.UNKNOWN, Long.MIN_VALUE, Long.MIN_VALUE)))
        .isEqualTo(ConvergenceStatus.NOT_YET);
  }

  @Test
  void notWhileTheOwnAllocationMoves() {
    ConvergenceStatus s = Certificate.evaluate(with(true, false, settled().states(), Connectivity.UNKNOWN, NOW - 10_000, NOW - 10_000));
    assertThat(s.converged()).isFalse();
    assertThat(s.reasons()).anySatisfy(r -> assertThat(r).contains("own allocation is still moving"));
  }

  @Test
  void notWithoutTheStateOfAFollowedPeer() {
    ConvergenceStatus s = Certificate.evaluate(with(true, true, Map.of(), Connectivity.UNKNOWN, NOW - 10_000, NOW - 10_000));
    assertThat(s.converged()).isFalse();
    assertThat(s.missingStates()).containsExactly("p");
  }

  @Test
  void notWhileTheTransportIsDisconnected() {
    ConvergenceStatus s =
        Certificate.evaluate(with(true, true, settled().states(), Connectivity.disconnected("relay closed"), NOW - 10_000, NOW - 10_000));
    assertThat(s.converged()).isFalse();
    assertThat(s.reasons()).anySatisfy(r -> assertThat(r).contains("transport disconnected: relay closed"));
    // a transport that cannot tell counts as connected
    assertThat(Certificate.evaluate(with(true, true, settled().states(), Connectivity.UNKNOWN, NOW - 10_000, NOW - 10_000)).converged())
        .isTrue();
  }

  @Test
  void notWithinTheQuietPeriodAfterAnInputOrReceivedChange() {
    Certificate.Inputs input = with(true, true, settled().states(), Connectivity.UNKNOWN, NOW - 100, NOW - 10_000);
    assertThat(Certificate.evaluate(input).reasons()).anySatisfy(r -> assertThat(r).startsWith("own commitment changed 100 ms ago"));
    assertThat(Certificate.nextChange(input)).contains(NOW - 100 + QUIET);
    Certificate.Inputs received = with(true, true, settled().states(), Connectivity.UNKNOWN, NOW - 10_000, NOW - 1_000);
    assertThat(Certificate.evaluate(received).reasons()).anySatisfy(r -> assertThat(r).startsWith("received total changed 1000 ms ago"));
    assertThat(Certificate.nextChange(received)).contains(NOW - 1_000 + QUIET);
  }

  @Test
  void notWhileFewerThan80PercentOfThoseGivingOrReceivingReportConverged() {
    ConvergenceStatus s = Certificate.evaluate(with(true, true, Map.of("p", state(false, "me")), Connectivity.UNKNOWN, NOW - 10_000, NOW - 10_000));
    assertThat(s.converged()).isFalse();
    assertThat(s.unsettledPeers()).containsExactly("p");
    assertThat(s.reasons()).anySatisfy(r -> assertThat(r).contains("only 1 of 2 participants"));
  }

  @Test
  void aPeerThatNeitherGivesNorReceivesDoesNotCount() {
    AllocationState idle = new AllocationState(Map.of(), List.of(), Map.of(), false, List.of(), Stamp.seed(), NOW - 5_000);
    Certificate.Inputs s = settled();
    Certificate.Inputs in = new Certificate.Inputs(
        s.me(), true, true, true, Set.of("p"), Map.of("p", commitment("p"), "q", commitment("q")),
        Map.of("p", state(true, "me"), "q", idle), Connectivity.UNKNOWN, NOW - 10_000, NOW - 10_000, QUIET, NOW);
    assertThat(Certificate.evaluate(in).converged()).isTrue();
    assertThat(Optional.of(Certificate.evaluate(in).unsettledPeers())).contains(new java.util.TreeSet<>());
  }
}
