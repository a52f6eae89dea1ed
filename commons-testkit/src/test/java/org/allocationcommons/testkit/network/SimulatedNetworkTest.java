package org.allocationcommons.testkit.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

class SimulatedNetworkTest {

  private static final String A_COMMITMENT = DocumentPaths.of("alice", DocumentPaths.COMMITMENT);
  private static final String B_COMMITMENT = DocumentPaths.of("bob", DocumentPaths.COMMITMENT);

  private final VirtualScheduler scheduler = VirtualScheduler.startingAt(Instant.EPOCH);

  private SimulatedNetwork network(NetworkConditions conditions) {
    return SimulatedNetwork.create(scheduler, 42, conditions);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** Records what a node's listener receives, with the virtual time in ms. */
  private final class Inbox {
    final List<String> received = new ArrayList<>();

    Inbox(Transport t, String path) {
      t.subscribe(path, (p, payload) -> received.add(scheduler.nowMillis() + ":" + new String(payload, UTF_8)));
    }

    List<String> payloads() {
      return received.stream().map(s -> s.substring(s.indexOf(':') + 1)).toList();
    }
  }

  @Test
  void perfectNetworkDeliversAfterTwoHopsAndAcknowledgesAfterARoundTrip() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport alice = net.transportFor("alice");
    Inbox bob = new Inbox(net.transportFor("bob"), A_COMMITMENT);

    CompletableFuture<Void> ack = alice.publish(A_COMMITMENT, bytes("v1")).toCompletableFuture();
    scheduler.advanceBy(Duration.ofMillis(19));
    assertThat(bob.received).isEmpty();
    assertThat(ack).isNotDone();

    scheduler.advanceBy(Duration.ofMillis(1));
    // 10 ms to the relay, 10 ms relay -> bob; the ack also takes 10 ms back to alice.
    assertThat(bob.received).containsExactly("20:v1");
    assertThat(ack).isCompleted();
    NetworkStats s = net.stats();
    assertThat(s.publishes()).isEqualTo(1);
    assertThat(s.deliveries()).isEqualTo(1);
    assertThat(s.acks()).isEqualTo(1);
    assertThat(s.messages()).isEqualTo(3);
    assertThat(s.bytes()).isEqualTo(4); // 2 payload bytes up, 2 down; acks carry none
    assertThat(s.lost() + s.duplicated() + s.retransmissions()).isZero();
    assertThat(s.publishesByDocument()).containsExactly(java.util.Map.entry("commitment", 1L));
  }

  @Test
  void newSubscriptionGetsOnlyTheLatestPayloadAndOwnCopies() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport alice = net.transportFor("alice");
    alice.publish(A_COMMITMENT, bytes("v1"));
    alice.publish(A_COMMITMENT, bytes("v2"));
    scheduler.runUntilIdle(100);
    assertThat(net.relayPayload("bob", A_COMMITMENT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(bytes("v2")));

    List<byte[]> got = new ArrayList<>();
    Transport bob = net.transportFor("bob");
    bob.subscribe(A_COMMITMENT, (p, payload) -> got.add(payload));
    bob.subscribe(A_COMMITMENT, (p, payload) -> got.add(payload));
    scheduler.runUntilIdle(100);
    assertThat(got).hasSize(2).allSatisfy(p -> assertThat(p).isEqualTo(bytes("v2")));
    assertThat(got.get(0)).isNotSameAs(got.get(1));
  }

  @Test
  void publishesAreCopiedSoLaterChangesToTheCallersArrayDoNotLeak() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Inbox bob = new Inbox(net.transportFor("bob"), A_COMMITMENT);
    byte[] payload = bytes("v1");
    net.transportFor("alice").publish(A_COMMITMENT, payload);
    payload[1] = '9';
    scheduler.runUntilIdle(100);
    assertThat(bob.payloads()).containsExactly("v1");
  }

  @Test
  void duplicationDeliversEveryMessageTwiceAndTheRelayIgnoresTheDuplicatePublish() {
    SimulatedNetwork net = network(NetworkConditions.perfect().withDuplication(1.0));
    Inbox bob = new Inbox(net.transportFor("bob"), A_COMMITMENT);
    net.transportFor("alice").publish(A_COMMITMENT, bytes("v1"));
    scheduler.runUntilIdle(100);
    // The publish arrives twice: the first is forwarded (delivered twice), the second is stale.
    assertThat(bob.payloads()).containsExactly("v1", "v1");
    NetworkStats s = net.stats();
    assertThat(s.publishes()).isEqualTo(2);
    assertThat(s.staleAtRelay()).isEqualTo(1);
    assertThat(s.deliveries()).isEqualTo(2);
    assertThat(s.acks()).isEqualTo(4); // each arriving publish is acked, each ack duplicated
    assertThat(s.duplicated()).isEqualTo(4);
    assertThat(s.publishesByDocument()).containsEntry("commitment", 1L); // one publish, however often sent
  }

  @Test
  void lossIsRecoveredForPublishesByRetransmissionButNotForDeliveries() {
    SimulatedNetwork net =
        network(NetworkConditions.perfect().withLoss(0.5).withRetransmission(Duration.ofMillis(50), 40));
    List<String> got = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String name = "n" + i;
      net.transportFor(name).subscribe(A_COMMITMENT, (p, payload) -> got.add(name));
    }
    CompletableFuture<Void> ack = net.transportFor("alice").publish(A_COMMITMENT, bytes("v1")).toCompletableFuture();
    scheduler.runUntilIdle(10_000);

    assertThat(ack).isCompleted();
    assertThat(net.relayPayload("n0", A_COMMITMENT)).isPresent();
    NetworkStats s = net.stats();
    assertThat(s.lost()).isPositive();
    // One forward per subscriber, never retried: the lost ones never arrive.
    assertThat(s.deliveries()).isEqualTo(20);
    assertThat(got).hasSizeLessThan(20).doesNotHaveDuplicates();
    assertThat(s.lost()).isGreaterThanOrEqualTo(20 - got.size());
  }

  @Test
  void unacknowledgedPublishFailsAfterTheRetransmissionLimit() {
    SimulatedNetwork net = network(NetworkConditions.perfect().withLoss(0.999999).withRetransmission(Duration.ofMillis(30), 2));
    CompletableFuture<Void> ack = net.transportFor("alice").publish(A_COMMITMENT, bytes("v1")).toCompletableFuture();
    scheduler.advanceBy(Duration.ofMillis(89));
    assertThat(ack).isNotDone();
    assertThat(net.stats().retransmissions()).isEqualTo(2);
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(ack).isCompletedExceptionally();
    assertThatThrownBy(ack::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("not acknowledged after 3 transmissions");
    assertThat(net.stats().publishes()).isEqualTo(3);
  }

  @Test
  void reorderingLetsDeliveriesOvertakeButTheRelayKeepsTheLastPublish() {
    SimulatedNetwork net =
        network(NetworkConditions.perfect().withLatency(Duration.ofMillis(5), Duration.ofMillis(200)).withReordering(0.3, Duration.ofMillis(300)));
    Inbox bob = new Inbox(net.transportFor("bob"), A_COMMITMENT);
    Transport alice = net.transportFor("alice");
    for (int i = 1; i <= 40; i++) {
      int n = i;
      scheduler.schedule(Duration.ofMillis(i), () -> alice.publish(A_COMMITMENT, bytes(String.format("%02d", n))));
    }
    scheduler.runUntilIdle(10_000);

    List<String> seen = bob.payloads();
    assertThat(seen).isNotEmpty();
    assertThat(seen).isNotEqualTo(seen.stream().sorted().toList());
    assertThat(net.relayPayload("bob", A_COMMITMENT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(bytes("40")));
    assertThat(net.stats().staleAtRelay()).isPositive();
    Inbox late = new Inbox(net.transportFor("carol"), A_COMMITMENT);
    scheduler.runUntilIdle(100);
    assertThat(late.payloads()).containsExactly("40");
  }

  @Test
  void partitionKeepsIslandsApartAndHealForwardsWhatEachSideMissed() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport alice = net.transportFor("alice");
    Transport bob = net.transportFor("bob");
    Inbox bobSeesAlice = new Inbox(bob, A_COMMITMENT);
    Inbox aliceSeesBob = new Inbox(alice, B_COMMITMENT);
    Inbox carolSeesAlice = new Inbox(net.transportFor("carol"), A_COMMITMENT);
    alice.publish(A_COMMITMENT, bytes("a1"));
    scheduler.runUntilIdle(100);

    net.partition(List.of(Set.of("bob")));
    assertThat(net.isPartitioned()).isTrue();
    CompletableFuture<Void> a2 = alice.publish(A_COMMITMENT, bytes("a2")).toCompletableFuture();
    CompletableFuture<Void> b1 = bob.publish(B_COMMITMENT, bytes("b1")).toCompletableFuture();
    scheduler.runUntilIdle(100);

    // Each island's relay acknowledges its own members' publishes.
    assertThat(a2).isCompleted();
    assertThat(b1).isCompleted();
    assertThat(bobSeesAlice.payloads()).containsExactly("a1");
    assertThat(carolSeesAlice.payloads()).containsExactly("a1", "a2");
    assertThat(aliceSeesBob.payloads()).isEmpty();
    assertThat(net.relayPayload("bob", A_COMMITMENT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(bytes("a1")));
    assertThat(net.relayPayload("alice", B_COMMITMENT)).isEmpty();

    net.heal();
    scheduler.runUntilIdle(100);
    assertThat(net.isPartitioned()).isFalse();
    assertThat(bobSeesAlice.payloads()).containsExactly("a1", "a2");
    assertThat(aliceSeesBob.payloads()).containsExactly("b1");
    assertThat(carolSeesAlice.payloads()).containsExactly("a1", "a2"); // carol's side already had a2
    assertThat(net.relayPayload("bob", A_COMMITMENT)).hasValueSatisfying(p -> assertThat(p).isEqualTo(bytes("a2")));
  }

  @Test
  void messagesInFlightAcrossANewPartitionAreDropped() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Inbox bob = new Inbox(net.transportFor("bob"), A_COMMITMENT);
    net.transportFor("alice").publish(A_COMMITMENT, bytes("a1"));
    scheduler.advanceBy(Duration.ofMillis(15)); // at the relay, delivery to bob in flight
    net.partition(List.of(Set.of("bob")));
    scheduler.runUntilIdle(100);
    assertThat(bob.received).isEmpty();
    assertThat(net.stats().droppedByPartition()).isEqualTo(1);

    // Reconnecting resends what bob subscribes to, since his island's copy already held a1.
    net.heal();
    scheduler.runUntilIdle(100);
    assertThat(bob.payloads()).containsExactly("a1");
  }

  @Test
  void partitionArgumentsAreChecked() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    assertThatThrownBy(() -> net.partition(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one group");
    assertThatThrownBy(() -> net.partition(List.of(Set.of("a"), Set.of("a", "b"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 'a' is in more than one");
    assertThatThrownBy(() -> net.partition(List.of(Set.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    net.partition(List.of(Set.of("a")));
    assertThatThrownBy(() -> net.partition(List.of(Set.of("b"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("heal()");
    net.heal();
    net.heal(); // no-op when healed
    assertThat(net.isPartitioned()).isFalse();
  }

  @Test
  void crashedNodeGoesDarkAndRestartGivesAFreshTransportThatCatchesUp() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport alice = net.transportFor("alice");
    Transport bob = net.transportFor("bob");
    Inbox before = new Inbox(bob, A_COMMITMENT);
    alice.publish(A_COMMITMENT, bytes("a1"));
    scheduler.advanceBy(Duration.ofMillis(15));
    net.crash("bob");
    scheduler.runUntilIdle(100);
    assertThat(before.received).isEmpty();
    assertThat(net.stats().droppedByCrash()).isEqualTo(1);
    assertThat(net.isCrashed("bob")).isTrue();

    CompletableFuture<Void> dark = bob.publish(B_COMMITMENT, bytes("b1")).toCompletableFuture();
    assertThat(dark).isCompletedExceptionally();
    assertThatThrownBy(() -> net.transportFor("bob"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("crashed; restart it first");
    assertThatThrownBy(() -> net.crash("bob")).isInstanceOf(IllegalStateException.class);

    alice.publish(A_COMMITMENT, bytes("a2"));
    scheduler.runUntilIdle(100);
    net.restart("bob");
    Transport bob2 = net.transportFor("bob");
    assertThat(bob2).isNotSameAs(bob);
    Inbox after = new Inbox(bob2, A_COMMITMENT);
    scheduler.runUntilIdle(100);
    assertThat(after.payloads()).containsExactly("a2");
    assertThat(before.received).isEmpty();
    assertThatThrownBy(() -> bob.publish(B_COMMITMENT, bytes("old")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void crashAndRestartRequireAKnownNodeInTheRightState() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    assertThatThrownBy(() -> net.crash("ghost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 'ghost' is not on this network");
    net.transportFor("alice");
    assertThatThrownBy(() -> net.restart("alice"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not crashed");
    assertThatThrownBy(() -> net.transportFor(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-blank");
  }

  @Test
  void closingATransportFailsPendingPublishesAndStopsDelivery() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport alice = net.transportFor("alice");
    Transport bob = net.transportFor("bob");
    Inbox inbox = new Inbox(bob, A_COMMITMENT);
    CompletableFuture<Void> pending = bob.publish(B_COMMITMENT, bytes("b1")).toCompletableFuture();
    bob.close();
    bob.close(); // idempotent
    assertThat(pending).isCompletedExceptionally();
    alice.publish(A_COMMITMENT, bytes("a1"));
    scheduler.runUntilIdle(100);
    assertThat(inbox.received).isEmpty();
    assertThatThrownBy(() -> bob.subscribe(A_COMMITMENT, (p, b) -> {}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("transport of node 'bob'");
    assertThat(net.transportFor("bob")).isNotSameAs(bob);
    assertThat(alice.name()).isEqualTo("simulated");
  }

  @Test
  void closedSubscriptionStopsOnlyItsOwnListener() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport bob = net.transportFor("bob");
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    var s1 = bob.subscribe(A_COMMITMENT, (p, b) -> first.add(new String(b, UTF_8)));
    bob.subscribe(A_COMMITMENT, (p, b) -> second.add(new String(b, UTF_8)));
    assertThat(s1.path()).isEqualTo(A_COMMITMENT);
    s1.close();
    s1.close();
    net.transportFor("alice").publish(A_COMMITMENT, bytes("a1"));
    scheduler.runUntilIdle(100);
    assertThat(first).isEmpty();
    assertThat(second).containsExactly("a1");
  }

  @Test
  void failingListenerIsIsolatedAndCounted() {
    SimulatedNetwork net = network(NetworkConditions.perfect());
    Transport bob = net.transportFor("bob");
    List<String> got = new ArrayList<>();
    bob.subscribe(A_COMMITMENT, (p, b) -> {
      throw new IllegalStateException("listener bug");
    });
    bob.subscribe(A_COMMITMENT, (p, b) -> got.add(new String(b, UTF_8)));
    net.transportFor("alice").publish(A_COMMITMENT, bytes("a1"));
    scheduler.runUntilIdle(100);
    assertThat(got).containsExactly("a1");
    assertThat(net.stats().listenerFailures()).isEqualTo(1);
  }

  @Test
  void invalidPathsAreRejected() {
    Transport t = network(NetworkConditions.perfect()).transportFor("alice");
    assertThatThrownBy(() -> t.publish("alice/commitment", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path 'alice/commitment'");
    assertThatThrownBy(() -> t.subscribe("~alice/allocation/other", (p, b) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conditionsAreValidated() {
    NetworkConditions ok = NetworkConditions.perfect();
    assertThatThrownBy(() -> ok.withLoss(1.0)).hasMessageContaining("loss must be in [0, 1), was 1.0");
    assertThatThrownBy(() -> ok.withLoss(Double.NaN)).hasMessageContaining("loss");
    assertThatThrownBy(() -> ok.withDuplication(1.5)).hasMessageContaining("duplication must be a probability");
    assertThatThrownBy(() -> ok.withReordering(-0.1, Duration.ZERO)).hasMessageContaining("reordering");
    assertThatThrownBy(() -> ok.withLatency(Duration.ofMillis(5), Duration.ofMillis(4)))
        .hasMessageContaining("maxLatency must be >= minLatency");
    assertThatThrownBy(() -> ok.withLatency(Duration.ofMillis(-1), Duration.ofMillis(4)))
        .hasMessageContaining("minLatency must be >= 0");
    assertThatThrownBy(() -> ok.withRetransmission(Duration.ZERO, 1)).hasMessageContaining("ackTimeout must be > 0");
    assertThatThrownBy(() -> ok.withRetransmission(Duration.ofMillis(1), -1)).hasMessageContaining("maxRetransmissions");
  }
}
