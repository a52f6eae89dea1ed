package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/** The inbound pipeline: a peer's newer document is taken, a stale or forged one refused, an own copy adopted only if newer. */
class ReceiverTest {

  private final Parts node = new Parts(1).founder();
  private final Parts peer = node.peer(2);
  private final String peerCommitment = peer.path(DocumentPaths.COMMITMENT);

  /** A commitment of {@code peer} with {@code stamp}. */
  private Commitment peerCommitment(Stamp stamp, double quantity) {
    return Commitment.builder(peer.me).itcStamp(stamp).timestamp(node.scheduler.nowMillis())
        .capacitySlot(org.allocationcommons.core.model.AvailabilitySlot.of("s", "bread", quantity)).build();
  }

  private Stamp peersId() {
    return node.sponsorship.invite(peer.me).itcStamp();
  }

  @Test
  void aPeersCommitmentIsTakenAndItsStampLearnedAndTheAllocationRecomputed() {
    Stamp s = peersId().event();
    node.deliver(peer.identity, peerCommitment, peerCommitment(s, 3));
    assertThat(node.peers.networkCommitments().get()).containsKey(peer.me);
    assertThat(s.leq(node.own.stamp())).isTrue(); // learned
    long before = node.provider.computations();
    node.scheduler.advanceBy(Parts.DEBOUNCE);
    assertThat(node.provider.computations()).isEqualTo(before + 1);
  }

  @Test
  void aStaleCopyIsRefusedAndTheNewerKept() {
    Stamp s1 = peersId().event();
    Stamp s2 = s1.event();
    node.deliver(peer.identity, peerCommitment, peerCommitment(s2, 5));
    node.deliver(peer.identity, peerCommitment, peerCommitment(s1, 3));
    assertThat(node.peers.commitments().get(peer.me).orElseThrow().capacitySlots().get(0).quantity()).isEqualTo(5.0);
    assertThat(node.peers.stale()).isEqualTo(1);
  }

  @Test
  void anEnvelopeOfAnotherKeyAtAPeersPathIsRefusedAndToldToTheListener() {
    Parts forger = node.peer(3).reader();
    Commitment forged = forger.giving(3);
    byte[] envelope = node.envelopes.seal(forger.identity, forger.path(DocumentPaths.COMMITMENT), forged);
    node.receiver.delivered(peerCommitment, envelope); // the forger's envelope passed off at the peer's path
    node.scheduler.runUntil(node.scheduler.now());
    assertThat(node.peers.commitments().snapshot()).isEmpty();
    assertThat(node.rejected).hasSize(1).doesNotContain(Rejection.RATE_LIMITED);
  }

  @Test
  void anOwnCopyIsAdoptedOnlyWhenCausallyNewer() {
    String path = node.path(DocumentPaths.COMMITMENT);
    Commitment local = node.giving(2).toBuilder().itcStamp(node.own.tick()).build();
    node.own.commitment().set(Optional.of(local));
    Commitment older = node.giving(1).toBuilder().itcStamp(Stamp.seed()).build();
    node.deliver(node.identity, path, older);
    assertThat(node.own.commitment().get()).contains(local);
    assertThat(node.syncs).isEmpty();
    Commitment newer = node.giving(9).toBuilder().itcStamp(node.own.stamp().event().event()).build();
    node.deliver(node.identity, path, newer);
    assertThat(node.own.commitment().get()).contains(newer);
    assertThat(newer.itcStamp().leq(node.own.stamp())).isTrue(); // merged
    assertThat(node.syncs).hasSize(1); // an own input changed: what it follows may have too
  }

  @Test
  void aClosedNodeReadsNothing() {
    node.closed = true;
    node.deliver(peer.identity, peerCommitment, peerCommitment(peersId().event(), 3));
    node.scheduler.advanceBy(Duration.ofSeconds(1));
    assertThat(node.peers.commitments().get(peer.me)).isEmpty();
  }
}
