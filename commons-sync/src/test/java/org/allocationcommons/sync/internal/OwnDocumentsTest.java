package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.causality.Order;
import org.junit.jupiter.api.Test;

/** The stamp rules of a node's own documents: tick before publishing, learn and merge after receiving. */
class OwnDocumentsTest {

  @Test
  void aFounderIsAMemberAndEachTickIsCausallyNewer() {
    Parts node = new Parts(1).founder();
    assertThat(node.own.isMember()).isTrue();
    Stamp before = node.own.stamp();
    Stamp after = node.own.tick();
    assertThat(node.own.stamp()).isEqualTo(after);
    assertThat(Order.of(before, after)).isEqualTo(Order.NEWER);
    assertThat(node.own.durableNow()).isTrue(); // in memory: durable at once
  }

  @Test
  void aReaderOwnsNoIdAndIsNoMember() {
    assertThat(new Parts(2).reader().own.isMember()).isFalse();
  }

  @Test
  void mergingACopyOfItsOwnDocumentTakesItsEventsAndRecoveredJoinsTheStoredStamps() {
    Parts node = new Parts(1).founder();
    Stamp lost = node.own.stamp().event().event(); // events a lost folder had recorded
    assertThat(lost.leq(node.own.stamp())).isFalse();
    node.own.merge(lost);
    assertThat(lost.leq(node.own.stamp())).isTrue(); // knows all of them now
    Stamp stored = lost.event();
    node.own.commitment().set(Optional.of(node.giving(1).toBuilder().itcStamp(stored).build()));
    assertThat(stored.leq(Stamp.seed())).isFalse();
    assertThat(stored.leq(node.own.recovered(Stamp.seed()))).isTrue();
  }
}
