package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/** Membership changes of one node: inviting forks its id, joining takes the given half, retiring hands it back once. */
class SponsorshipTest {

  private final Parts sponsor = new Parts(1).founder();
  private final Parts newcomer = sponsor.peer(2);

  @Test
  void invitingForksTheIdKeepsOneHalfAndPublishesTheOther() {
    Invitation inv = sponsor.sponsorship.invite(newcomer.me);
    Stamp.Fork f = Stamp.seed().fork();
    assertThat(sponsor.own.stamp().id()).isEqualTo(f.left().id());
    assertThat(inv.itcStamp().id()).isEqualTo(f.right().id());
    assertThat(sponsor.own.member().invited()).containsExactly(newcomer.me);
    assertThat(sponsor.own.member().grantedTo(newcomer.me)).contains(f.right().id());
    assertThat(sponsor.network.latest(DocumentPaths.invitation(sponsor.me, newcomer.me))).isPresent();
  }

  @Test
  void aNodeOwningNoIdCannotInviteNorRetire() {
    Parts reader = new Parts(3).reader();
    assertThatThrownBy(() -> reader.sponsorship.invite(newcomer.me)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(reader.sponsorship::retire).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWaitingNodeJoinsOnlyWithTheInvitationOfTheSponsorItAwaits() {
    newcomer.sponsorship.init(Optional.empty(), false, Optional.empty(), Optional.of(sponsor.me), false);
    Parts stranger = sponsor.peer(4).founder();
    assertThat(newcomer.sponsorship.accept(stranger.sponsorship.invite(newcomer.me))).isFalse();
    assertThat(newcomer.own.isMember()).isFalse();
    Invitation inv = sponsor.sponsorship.invite(newcomer.me);
    assertThat(newcomer.sponsorship.accept(inv)).isTrue();
    assertThat(newcomer.own.isMember()).isTrue();
    assertThat(newcomer.own.member().sponsor()).contains(sponsor.me);
    assertThat(newcomer.sponsorship.accept(inv)).isFalse(); // already owns an id
  }

  @Test
  void theSponsorTakesBackOnlyTheIdItGaveAndOnlyOnce() {
    newcomer.sponsorship.init(Optional.empty(), false, Optional.of(sponsor.sponsorship.invite(newcomer.me)), Optional.empty(), false);
    Stamp.Id sponsorsHalf = sponsor.own.stamp().id();
    String path = DocumentPaths.of(newcomer.me, DocumentPaths.RETIREMENT);
    Retirement lie = new Retirement(newcomer.me, sponsor.me, Stamp.seed(), 1);
    assertThat(sponsor.sponsorship.absorb(path, lie)).isFalse();
    assertThat(sponsor.rejections.snapshot().get(Rejection.UNGRANTED_ID)).isEqualTo(1);
    assertThat(sponsor.own.stamp().id()).isEqualTo(sponsorsHalf);
    Stamp given = newcomer.own.stamp();
    newcomer.sponsorship.retire();
    assertThat(newcomer.own.stamp().isAnonymous()).isTrue();
    assertThat(newcomer.network.latest(path)).isPresent();
    Retirement honest = new Retirement(newcomer.me, sponsor.me, given, 2);
    assertThat(sponsor.sponsorship.absorb(path, honest)).isTrue();
    assertThat(sponsor.own.stamp().id()).isEqualTo(Stamp.seed().id());
    assertThat(sponsor.sponsorship.absorb(path, honest)).isFalse(); // once
  }
}
