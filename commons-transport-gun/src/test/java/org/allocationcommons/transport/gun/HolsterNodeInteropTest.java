package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.envelope.Rejection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whole participants ({@link CommonsNode}s on real threads, each with its own {@link GunTransport} in
 * the Holster dialect) sharing a commons through one real Holster 1.0.21 relay: they reach the
 * allocations commons-core computes and report convergence, also across a relay restart. Skipped
 * where Holster's sources are absent (see {@link HolsterRelay}). The pattern is {@link
 * GunNodeInteropTest}'s; Holster relays do not mesh, so there is no two-relay case.
 */
@Tag("interop")
class HolsterNodeInteropTest extends NodeInteropSupport {

  private final List<GunTransport> transports = new ArrayList<>();

  @Override
  GunTransport openTransport(URI relay) {
    GunTransport t =
        GunTransport.open(
            GunOptions.peers(relay)
                .withAckTimeout(Duration.ofSeconds(2))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
            java.time.Clock.systemUTC(),
            Dialect.holster());
    transports.add(t);
    return t;
  }

  /**
   * DUPLICATE is the one rejection the Holster dialect may cause by design: a publish whose ack is
   * late (2 cores, ten nodes and a relay) is re-sent with a fresh state, and the same envelope then
   * reaches its subscribers twice; the layer above drops the second copy.
   */
  @Override
  Set<Rejection> toleratedRejections() {
    return Set.of(Rejection.DUPLICATE);
  }

  /** Frames, re-sends and throttles per transport, printed for the record. */
  private String framesReport(long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    StringBuilder sb = new StringBuilder(String.format("after %.1f s:", seconds));
    for (GunTransport t : transports) {
      GunStats st = t.stats();
      HolsterCounters h = t.holsterCounters();
      sb.append(String.format(" [out %d in %d resent %d throttled %d]", st.framesOut(), st.framesIn(), h.freshResends(), h.throttled()));
    }
    return sb.toString();
  }

  @Test
  void twoNodesThroughOneRelayReachTheAllocationAndConverge() throws Exception {
    twoNodesReachTheAllocationAndConverge(keep(HolsterRelay.start(HolsterRelay.V1, temp.resolve("holster-data"))));
  }

  @Test
  void tenNodesOnTheirOwnTransportsThroughOneRelayConverge() throws Exception {
    HolsterRelay relay = keep(HolsterRelay.start(HolsterRelay.V1, temp.resolve("holster-data")));
    long start = System.nanoTime();
    List<CommonsNode> nodes = commons(10, List.of(relay.url()));
    share(nodes);
    awaitTheAllocationCommonsCoreComputes(nodes);
    System.out.println("holster ten nodes converged " + framesReport(start));
    for (GunTransport t : transports) {
      assertThat(t.holsterCounters().throttled()).as("the frame budget keeps below Holster's limit").isZero();
    }
  }

  @Test
  void aRelayRestartedMidRunLosesNoAcknowledgedCommitment() throws Exception {
    aRestartedRelayLosesNoAcknowledgedCommitment(
        storage -> HolsterRelay.start(HolsterRelay.V1, storage),
        (port, storage) -> HolsterRelay.start(HolsterRelay.V1, port, storage));
  }
}
