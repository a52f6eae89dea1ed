package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

class MembershipTest {

  /**
   * Worked example: F founds (id 1); F invites A (F keeps (1,0), A gets (0,1)); A invites C (A keeps
   * (0,(1,0)), C gets (0,(0,1))); C retires and A joins its id back, owning (0,1) again; a duplicate
   * retirement delivery is ignored.
   */
  @Test
  void retirementHandsTheIdBackToTheSponsorOnce() {
    TestCommons commons = new TestCommons();
    CommonsNode f = commons.founder(TestCommons.identity(0));
    CommonsNode a = commons.join(f, TestCommons.identity(1));
    CommonsNode c = commons.join(a, TestCommons.identity(2));
    assertThat(f.stamp().id()).isEqualTo(Stamp.parse("((1, 0), 0)").id());
    assertThat(a.stamp().id()).isEqualTo(Stamp.parse("((0, (1, 0)), 0)").id());
    assertThat(c.stamp().id()).isEqualTo(Stamp.parse("((0, (0, 1)), 0)").id());
    commons.await(c.retire());
    commons.run(Duration.ofMillis(50));
    assertThat(a.stamp().id()).isEqualTo(Stamp.parse("((0, 1), 0)").id());
    assertThat(c.stamp().isAnonymous()).isTrue();
    // the retirement is delivered again: nothing changes, no overlap error
    byte[] again = commons.network.latest(
        DocumentPaths.of(c.pubKey(), DocumentPaths.RETIREMENT)).orElseThrow();
    commons.network.transport().publish(
        DocumentPaths.of(c.pubKey(), DocumentPaths.RETIREMENT), again);
    commons.run(Duration.ofMillis(50));
    assertThat(a.stamp().id()).isEqualTo(Stamp.parse("((0, 1), 0)").id());
    assertThat(commons.scheduler.failures()).isEmpty();
  }

  /**
   * Issue 10: an invitee hands back on retirement an id it never owned (here F's own half, which
   * would make A own (1,1) = everything and overlap F). A refuses it, counts it and keeps its id;
   * the honest retirement still works afterwards.
   */
  @Test
  void aRetirementHandingBackAnIdNeverGivenIsRefused() {
    TestCommons commons = new TestCommons();
    CommonsNode f = commons.founder(TestCommons.identity(0));
    CommonsNode a = commons.join(f, TestCommons.identity(1));
    Identity cId = TestCommons.identity(2);
    CommonsNode c = commons.join(a, cId);
    Stamp.Id before = a.stamp().id();
    String path = DocumentPaths.of(c.pubKey(), DocumentPaths.RETIREMENT);
    Envelopes envelopes = Envelopes.using(Codec.defaults());
    for (Stamp foreign : new Stamp[] {f.stamp(), Stamp.parse("((0, (1, 1)), 3)"), Stamp.seed().event()}) {
      Retirement lie = new Retirement(c.pubKey(), a.pubKey(), foreign, commons.scheduler.nowMillis());
      commons.network.transport().publish(path, envelopes.seal(cId, path, lie));
      commons.run(Duration.ofMillis(50));
      assertThat(a.stamp().id()).as("after %s", foreign).isEqualTo(before);
    }
    assertThat(a.diagnostics().rejected().get(Rejection.UNGRANTED_ID)).isEqualTo(3);
    commons.await(c.retire());
    commons.run(Duration.ofMillis(50));
    assertThat(a.stamp().id()).isEqualTo(Stamp.parse("((0, 1), 0)").id());
    assertThat(commons.scheduler.failures()).isEmpty();
  }
}
