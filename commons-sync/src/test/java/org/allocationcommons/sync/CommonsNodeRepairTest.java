package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.time.Scheduler;
import org.allocationcommons.sync.time.SystemScheduler;
import org.junit.jupiter.api.Test;

/** Lost deliveries, heartbeats racing debounces, and reads from other threads. */
class CommonsNodeRepairTest {

  final TestCommons commons = new TestCommons();
  final Identity alice = TestCommons.identity(1);
  final Identity bob = TestCommons.identity(2);

  @Test
  void aLostAllocationStateReachesThePeerWithinOneHeartbeatAndConvergenceWaitsForIt() {
    String alicesState = DocumentPaths.of(alice.pubKey(), DocumentPaths.ALLOCATION_STATE);
    FaultyTransport bobsLink = new FaultyTransport(commons.network.transport());
    bobsLink.dropDeliveriesOf(alicesState::equals);
    CommonsNode a = commons.founder(alice);
    Invitation inv = commons.await(a.invite(bob.pubKey()));
    CommonsNode b =
        CommonsNode.builder().identity(bob).transport(bobsLink).scheduler(commons.scheduler).joinWith(inv).build();
    b.start();
    a.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 4)));
    a.setRecognition(Map.of(bob.pubKey(), 1.0));
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 3)));
    b.setRecognition(Map.of(alice.pubKey(), 1.0));
    commons.run(Duration.ofSeconds(5));

    assertThat(a.allocationState().get().orElseThrow().totalFor(bob.pubKey())).isCloseTo(3.0, within(1e-9));
    assertThat(b.received().get().total()).isZero();
    assertThat(b.diagnostics().locallyConverged()).isTrue();
    // Alice is active and Bob follows her state but holds none: 1 of 2 reporting is not 80%.
    assertThat(b.converged().get()).as("convergence claimed without the partner's state").isFalse();

    bobsLink.deliverEverything(); // the state Bob missed is not published again by any change
    commons.run(Duration.ofSeconds(31));

    assertThat(b.received().get().total()).isCloseTo(3.0, within(1e-9));
    assertThat(b.converged().get()).isTrue();
    long ignoredAtBob = ignored(b);
    long ignoredAtAlice = ignored(a);
    commons.run(Duration.ofSeconds(30));
    assertThat(ignored(b)).as("Bob, already holding it, ignores the next repeat").isGreaterThan(ignoredAtBob);
    assertThat(ignored(a)).isGreaterThan(ignoredAtAlice);
    assertThat(b.received().get().total()).isCloseTo(3.0, within(1e-9));
  }

  /** Deliveries ignored: stale in a register, or dropped unread as a repeat of bytes already seen. */
  static long ignored(CommonsNode n) {
    Diagnostics d = n.diagnostics();
    return d.stale() + d.rejected().get(Rejection.DUPLICATE);
  }

  @Test
  void aHeartbeatDuringAPendingDebounceIsTheOnlyPublicationOfThatChange() {
    FaultyTransport link = new FaultyTransport(commons.network.transport());
    CommonsNode a =
        CommonsNode.builder()
            .identity(alice)
            .transport(link)
            .scheduler(commons.scheduler)
            .founder()
            .heartbeat(Duration.ofSeconds(2))
            .allocationDebounce(Duration.ofMillis(1500))
            .build();
    a.start(); // heartbeats at 2 s, 4 s, ...
    String commitment = DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT);
    commons.run(Duration.ofSeconds(1));
    a.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 4))); // debounced publication due at 2.5 s
    commons.run(Duration.ofMillis(1900)); // t = 2.9 s: the heartbeat at 2 s has published the change

    assertThat(link.publishesOf(commitment)).isEqualTo(1);
    assertThat(a.commitment().get().orElseThrow().capacitySlots()).hasSize(1);
    assertThat(commons.network.latest(commitment)).isPresent();
    commons.run(Duration.ofMillis(1000)); // t = 3.9 s, before the next heartbeat
    assertThat(link.publishesOf(commitment)).isEqualTo(1);
  }

  @Test
  void diagnosticsFromAnotherThreadWaitsForTheNodesSchedulerAndSeesItsWork() throws Exception {
    MemoryNetwork network = MemoryNetwork.create();
    try (SystemScheduler scheduler = Scheduler.system("repair-test")) {
      CommonsNode a =
          CommonsNode.builder().identity(alice).transport(network.transport()).scheduler(scheduler).founder().build();
      a.start();
      CountDownLatch running = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      scheduler.execute(
          () -> {
            running.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Diagnostics> read = CompletableFuture.supplyAsync(a::diagnostics);
      Thread.sleep(200); // whatever the wait, it cannot finish while the scheduler is busy
      assertThat(read).isNotDone();
      release.countDown();
      assertThat(read.get(10, TimeUnit.SECONDS).pubKey()).isEqualTo(alice.pubKey());
      a.close();
      assertThat(a.diagnostics().pubKey()).as("readable after close, from any thread").isEqualTo(alice.pubKey());
    }
  }
}
