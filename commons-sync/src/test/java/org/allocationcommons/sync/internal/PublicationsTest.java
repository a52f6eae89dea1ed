package org.allocationcommons.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.envelope.Opened;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/** When a node's own documents leave it: debounced, newest only, stamped, and again every heartbeat. */
class PublicationsTest {

  private final Parts node = new Parts(1).founder();
  private final String commitmentPath = node.path(DocumentPaths.COMMITMENT);
  private final String statePath = node.path(DocumentPaths.ALLOCATION_STATE);

  private Commitment onTheBus() {
    Opened o = node.envelopes.open(commitmentPath, node.network.latest(commitmentPath).orElseThrow());
    return o.document(Commitment.class);
  }

  @Test
  void twoChangesWithinTheDebounceArePublishedOnceTheNewestWithATickedStamp() {
    var before = node.own.stamp();
    node.own.commitment().set(Optional.of(node.giving(4)));
    node.publications.commitmentChanged();
    node.scheduler.advanceBy(Duration.ofMillis(50));
    node.own.commitment().set(Optional.of(node.giving(7)));
    node.publications.commitmentChanged();
    node.scheduler.advanceBy(Duration.ofMillis(49));
    assertThat(node.publishesOf(commitmentPath)).isZero(); // the debounce runs from the first change
    node.scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(node.publishesOf(commitmentPath)).isEqualTo(1);
    assertThat(onTheBus().capacitySlots().get(0).quantity()).isEqualTo(7.0);
    assertThat(onTheBus().itcStamp()).isEqualTo(node.own.stamp()).isNotEqualTo(before);
    assertThat(node.own.commitment().get()).contains(onTheBus());
    node.scheduler.advanceBy(Duration.ofSeconds(1));
    assertThat(node.publishesOf(commitmentPath)).isEqualTo(1); // nothing more until the heartbeat
  }

  @Test
  void changedWeightsGoOutWithTheNextCommitmentAndOnlyThen() {
    String weightsPath = node.path(DocumentPaths.RECOGNITION_WEIGHTS);
    node.own.commitment().set(Optional.of(node.giving(4)));
    node.publications.commitmentChanged();
    node.scheduler.advanceBy(Duration.ofMillis(100));
    assertThat(node.publishesOf(weightsPath)).isZero();
    node.publications.weightsChanged();
    node.publications.commitmentChanged();
    node.scheduler.advanceBy(Duration.ofMillis(100));
    assertThat(node.publishesOf(weightsPath)).isEqualTo(1);
    node.publications.commitmentChanged();
    node.scheduler.advanceBy(Duration.ofMillis(100));
    assertThat(node.publishesOf(weightsPath)).isEqualTo(1); // published: no longer pending
  }

  @Test
  void theHeartbeatRepublishesTheCommitmentAndRepeatsTheSameStateEnvelope() {
    node.own.commitment().set(Optional.of(node.giving(4)));
    ProviderSide.Computed c = node.provider.compute(node.own.commitment().get(), Map.of(), Map.of(), Optional.empty(),
        node.scheduler.nowMillis());
    AllocationState state = node.provider.state(c, node.own.tick(), node.scheduler.nowMillis());
    node.own.state().set(Optional.of(state));
    node.publications.publishState(state);
    byte[] stateEnvelope = node.network.latest(statePath).orElseThrow();
    int[] beats = {0};
    node.publications.start(() -> beats[0]++);
    node.scheduler.advanceBy(Parts.HEARTBEAT.minusMillis(1));
    assertThat(node.publishesOf(commitmentPath)).isZero(); // set after the part was built, and no change told
    assertThat(beats[0]).isZero();
    node.scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(beats[0]).isEqualTo(1);
    assertThat(node.publishesOf(commitmentPath)).isEqualTo(1);
    assertThat(node.publishesOf(statePath)).isEqualTo(2);
    assertThat(node.network.latest(statePath).orElseThrow()).isEqualTo(stateEnvelope); // a repeat, same stamp
    node.scheduler.advanceBy(Parts.HEARTBEAT);
    assertThat(beats[0]).isEqualTo(2);
    assertThat(node.publishesOf(commitmentPath)).isEqualTo(2);
    assertThat(node.publishesOf(statePath)).isEqualTo(3);
  }

  @Test
  void aNodeOwningNoIdPublishesNothingNotEvenAtTheHeartbeat() {
    Parts reader = new Parts(2).reader();
    reader.own.commitment().set(Optional.of(reader.giving(4)));
    reader.publications.commitmentChanged();
    reader.publications.start(() -> {});
    reader.scheduler.advanceBy(Parts.HEARTBEAT.multipliedBy(2));
    assertThat(reader.published).isEmpty();
  }

  @Test
  void closingStopsTheHeartbeatAndThePendingPublication() {
    node.own.commitment().set(Optional.of(node.giving(4)));
    node.publications.start(() -> {});
    node.publications.commitmentChanged();
    node.publications.close();
    node.scheduler.advanceBy(Parts.HEARTBEAT.multipliedBy(3));
    assertThat(node.published).isEmpty();
  }
}
