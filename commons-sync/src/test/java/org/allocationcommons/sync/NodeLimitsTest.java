package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.inbound.InboundBudget;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/** SPEC 7's limits as the node's builder sets them. */
class NodeLimitsTest {

  @Test
  void theInboundBudgetIsTheBuildersAndDropsWhatIsBeyondIt() {
    TestCommons commons = new TestCommons();
    String bob = TestCommons.identity(1).pubKey();
    CommonsNode alice =
        commons.builder(TestCommons.identity(0)).founder().follow(bob)
            .inboundBudget(new InboundBudget(1e6, 1 << 20, 0.001, 2)).build();
    alice.start();
    commons.run(Duration.ofMillis(10));
    String path = DocumentPaths.of(bob, DocumentPaths.COMMITMENT);
    for (int i = 0; i < 6; i++) {
      commons.network.transport().publish(path, ("not an envelope " + i).getBytes());
    }
    commons.run(Duration.ofMillis(10));
    assertThat(alice.diagnostics().rejected().get(Rejection.RATE_LIMITED)).isEqualTo(4);
    assertThat(alice.diagnostics().rejected().get(Rejection.MALFORMED)).isEqualTo(2);
  }

  @Test
  void aMissingBudgetIsRefusedByName() {
    assertThatThrownBy(() -> CommonsNode.builder().inboundBudget(null)).hasMessageContaining("budget");
  }

  /**
   * Issue 10, finding 1 (clock worm): a member's signed commitment whose stamp claims the counter
   * bound everywhere, the victim's own part included, is accepted (it is within the bound), and the
   * victim still publishes: it learns the peer's events, not a count of its own it never made.
   * With a plain join its next event() was refused and it could never publish again.
   */
  @Test
  void aPeerStampAtTheCounterBoundCannotStopANodePublishing() {
    TestCommons commons = new TestCommons();
    CommonsNode alice = commons.founder(TestCommons.identity(0));
    org.allocationcommons.sync.envelope.Identity bobId = TestCommons.identity(1);
    CommonsNode carol = commons.join(alice, TestCommons.identity(2));
    alice.follow(bobId.pubKey());
    carol.follow(alice.pubKey());
    commons.run(Duration.ofMillis(100));
    org.allocationcommons.itc.Stamp worm =
        org.allocationcommons.itc.Stamp.of(org.allocationcommons.itc.Stamp.Id.ZERO,
            org.allocationcommons.itc.Stamp.Event.leaf(org.allocationcommons.itc.Stamp.MAX_COUNTER));
    org.allocationcommons.core.model.Commitment lie =
        org.allocationcommons.core.model.Commitment.builder(bobId.pubKey()).itcStamp(worm)
            .timestamp(commons.scheduler.nowMillis())
            .needSlot(org.allocationcommons.core.model.NeedSlot.of("n", "bread", 3)).build();
    String path = DocumentPaths.of(bobId.pubKey(), DocumentPaths.COMMITMENT);
    commons.network.transport().publish(path,
        org.allocationcommons.sync.envelope.Envelopes.using(org.allocationcommons.sync.codec.Codec.defaults()).seal(bobId, path, lie));
    commons.run(Duration.ofMillis(100));
    assertThat(alice.networkCommitments().get()).containsKey(bobId.pubKey()); // accepted: within the bound
    for (int q = 1; q <= 3; q++) {
      commons.await(alice.setNeeds(java.util.List.of(org.allocationcommons.core.model.NeedSlot.of("a", "tea", q))));
      commons.run(Duration.ofSeconds(1));
      org.allocationcommons.core.model.Commitment seen = carol.networkCommitments().get().get(alice.pubKey());
      assertThat(seen).as("carol holds alice's commitment").isNotNull();
      assertThat(seen.needSlots().get(0).quantity()).as("alice's change %d reached carol", q).isEqualTo((double) q);
    }
    assertThat(org.allocationcommons.itc.Stamp.problem(alice.stamp(), org.allocationcommons.itc.Stamp.DEFAULT_MAX_NODES)).isEmpty();
    assertThat(commons.scheduler.failures()).isEmpty();
  }
}
