package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/** Which paths a node follows, and that following tracks the wanted set on the transport. */
class SubscriptionsTest {

  private final String me = Parts.identity(1).pubKey();
  private final String friend = Parts.identity(2).pubKey();
  private final String recognised = Parts.identity(3).pubKey();
  private final String ignored = Parts.identity(4).pubKey();
  private final String sponsor = Parts.identity(5).pubKey();
  private final String invitee = Parts.identity(6).pubKey();

  @Test
  void aNodeWantsItsOwnDocumentsTheFollowedAndTheRecognisedCommitments() {
    Commitment mine = Commitment.builder(me).timestamp(1).recognize(recognised, 0.5).recognize(ignored, 0.0).build();
    Set<String> want =
        Subscriptions.wanted(me, Membership.of(me, Stamp.seed()), List.of(friend), Optional.of(mine), Optional.empty());
    assertThat(want).containsExactlyInAnyOrder(
        DocumentPaths.of(me, DocumentPaths.COMMITMENT),
        DocumentPaths.of(me, DocumentPaths.ALLOCATION_STATE),
        DocumentPaths.of(me, DocumentPaths.RECOGNITION_WEIGHTS),
        DocumentPaths.of(friend, DocumentPaths.COMMITMENT),
        DocumentPaths.of(recognised, DocumentPaths.COMMITMENT)); // a zero weight is no recognition
  }

  @Test
  void membershipAddsTheAwaitedInvitationAndTheRetirementsOfInviteesNotYetTakenBack() {
    Membership waiting = Membership.of(me, Stamp.seed().peek()).awaiting(sponsor);
    assertThat(Subscriptions.wanted(me, waiting, List.of(), Optional.empty(), Optional.empty()))
        .contains(DocumentPaths.invitation(sponsor, me));
    Stamp.Fork f = Stamp.seed().fork();
    Membership inviter = Membership.of(me, Stamp.seed()).invitedOne(invitee, f.left(), f.right());
    assertThat(Subscriptions.wanted(me, inviter, List.of(), Optional.empty(), Optional.empty()))
        .contains(DocumentPaths.of(invitee, DocumentPaths.RETIREMENT));
    Membership tookBack = inviter.absorbedOne(invitee, Stamp.seed());
    assertThat(Subscriptions.wanted(me, tookBack, List.of(), Optional.empty(), Optional.empty()))
        .doesNotContain(DocumentPaths.of(invitee, DocumentPaths.RETIREMENT));
  }

  @Test
  void syncSubscribesToNewPathsAndClosesAndForgetsTheOnesNoLongerWanted() {
    MemoryNetwork network = MemoryNetwork.create();
    List<String> delivered = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    Subscriptions subs = new Subscriptions(me, network.transport(), (path, bytes) -> delivered.add(path), dropped::add);
    String a = DocumentPaths.of(friend, DocumentPaths.COMMITMENT);
    String b = DocumentPaths.of(recognised, DocumentPaths.COMMITMENT);
    subs.sync(Set.of(a, b));
    assertThat(subs.size()).isEqualTo(2);
    network.transport().publish(a, new byte[] {1});
    network.transport().publish(b, new byte[] {2});
    assertThat(delivered).containsExactlyInAnyOrder(a, b);
    subs.sync(Set.of(a, b)); // again: no second subscription, no repeated delivery
    assertThat(delivered).hasSize(2);
    subs.sync(Set.of(b));
    assertThat(dropped).containsExactly(a);
    network.transport().publish(a, new byte[] {3});
    assertThat(delivered).hasSize(2);
    subs.closeAll();
    network.transport().publish(b, new byte[] {4});
    assertThat(delivered).hasSize(2);
    assertThat(subs.size()).isZero();
  }
}
