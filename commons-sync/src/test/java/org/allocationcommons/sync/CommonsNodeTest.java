package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.allocation.MutualRecognition;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.codec.InvalidDocumentException;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.VerificationCache;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.time.Cancellable;
import org.allocationcommons.sync.time.Scheduler;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommonsNodeTest {

  final TestCommons commons = new TestCommons();
  final Identity alice = TestCommons.identity(1);
  final Identity bob = TestCommons.identity(2);
  final Identity carol = TestCommons.identity(3);

  /**
   * Alice gives 10 loaves; Bob and Carol need 6 each. Alice recognises Bob 0.6 and Carol 0.4; both
   * recognise Alice 0.5. MR(A,B) = min(0.6, 0.5) = 0.5, MR(A,C) = min(0.4, 0.5) = 0.4. Tier 1:
   * shares 5/9 and 4/9, numerators 6*5/9 = 3.333 and 6*4/9 = 2.667, D1 = 6; Bob gets 10*3.333/6 =
   * 5.556, Carol 10*2.667/6 = 4.444 (both below their need of 6).
   */
  @Test
  void threeNodesReachTheAllocationCommonsCoreComputesAndReportConvergence() {
    CommonsNode a = commons.founder(alice);
    CommonsNode b = commons.join(a, bob);
    CommonsNode c = commons.join(a, carol);
    a.setCapacity(List.of(AvailabilitySlot.of("bread", "bread", 10)));
    a.setRecognition(Map.of(bob.pubKey(), 0.6, carol.pubKey(), 0.4));
    b.setNeeds(List.of(NeedSlot.of("b-bread", "bread", 6)));
    b.setRecognition(Map.of(alice.pubKey(), 0.5));
    c.setNeeds(List.of(NeedSlot.of("c-bread", "bread", 6)));
    c.setRecognition(Map.of(alice.pubKey(), 0.5));

    commons.run(Duration.ofSeconds(5));

    AllocationState state = a.allocationState().get().orElseThrow();
    assertThat(state.totalFor(bob.pubKey())).isCloseTo(50.0 / 9, within(1e-9));
    assertThat(state.totalFor(carol.pubKey())).isCloseTo(40.0 / 9, within(1e-9));
    assertThat(state.slotDenominators().get("bread").mutual()).isCloseTo(6.0, within(1e-9));
    assertThat(b.received().get().total()).isCloseTo(50.0 / 9, within(1e-9));
    assertThat(c.received().get().byProvider()).containsOnlyKeys(alice.pubKey());
    assertThat(c.received().get().total()).isCloseTo(40.0 / 9, within(1e-9));

    // exactly what commons-core computes from the commitments Alice holds
    Map<String, Commitment> net = a.networkCommitments().get();
    Commitment mine = a.commitment().get().orElseThrow();
    Map<String, Double> mr =
        MutualRecognition.compute(
            alice.pubKey(),
            mine.recognitionWeights(),
            Map.of(bob.pubKey(), net.get(bob.pubKey()).recognitionWeights(),
                carol.pubKey(), net.get(carol.pubKey()).recognitionWeights()));
    long now = commons.scheduler.nowMillis();
    AllocationResult expected =
        Allocation.compute(
            AllocationInput.of(alice.pubKey(), mine, mr, mine.recognitionWeights(), Subgroups.active(net, now)),
            AllocationPolicy.FAITHFUL);
    assertThat(state.slotAllocations()).isEqualTo(expected.slotAllocations());
    assertThat(state.slotDenominators()).isEqualTo(expected.slotDenominators());

    assertThat(state.converged()).isTrue();
    for (CommonsNode n : List.of(a, b, c)) {
      assertThat(n.converged().get()).as("network convergence seen by %s", n.pubKey()).isTrue();
      assertThat(n.diagnostics().locallyConverged()).isTrue();
      assertThat(n.diagnostics().rejectedTotal()).isZero();
    }
    assertThat(a.diagnostics().subgroups().orElseThrow().mutualBeneficiaries())
        .containsExactlyInAnyOrder(bob.pubKey(), carol.pubKey());
    assertThat(b.diagnostics().subgroups().orElseThrow().mutualProvidersForMe()).containsExactly(alice.pubKey());
  }

  @Test
  void nodesSharingAVerificationCacheVerifyADocumentOnceAndStillAllocateAlike() {
    VerificationCache cache = VerificationCache.bounded(1_000);
    CommonsNode a = commons.builder(alice).founder().verificationCache(cache).build();
    a.start();
    Invitation forBob = commons.await(a.invite(bob.pubKey()));
    Invitation forCarol = commons.await(a.invite(carol.pubKey()));
    CommonsNode b = commons.builder(bob).joinWith(forBob).verificationCache(cache).build();
    CommonsNode c = commons.builder(carol).joinWith(forCarol).verificationCache(cache).build();
    b.start();
    c.start();
    a.setCapacity(List.of(AvailabilitySlot.of("bread", "bread", 10)));
    a.setRecognition(Map.of(bob.pubKey(), 0.6, carol.pubKey(), 0.4));
    b.setNeeds(List.of(NeedSlot.of("b-bread", "bread", 6)));
    b.setRecognition(Map.of(alice.pubKey(), 0.5));
    c.setNeeds(List.of(NeedSlot.of("c-bread", "bread", 6)));
    c.setRecognition(Map.of(alice.pubKey(), 0.5));
    commons.run(Duration.ofSeconds(5));

    assertThat(b.received().get().total()).isCloseTo(10 * (6 * 5.0 / 9) / 6, within(1e-9));
    assertThat(c.received().get().total()).isCloseTo(10 * (6 * 4.0 / 9) / 6, within(1e-9));
    assertThat(cache.misses()).as("distinct signatures verified").isPositive();
    assertThat(cache.hits()).as("alice's documents reach bob and carol: the second check is a hit").isPositive();
    assertThatThrownBy(() -> CommonsNode.builder().verificationCache(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void heartbeatKeepsCommitmentsFreshAndTheAllocationStable() {
    CommonsNode a = commons.founder(alice);
    CommonsNode b = commons.join(a, bob);
    a.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 4)));
    a.setRecognition(Map.of(bob.pubKey(), 1.0));
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 3)));
    b.setRecognition(Map.of(alice.pubKey(), 1.0));
    commons.run(Duration.ofMinutes(5));
    long now = commons.scheduler.nowMillis();
    Commitment seen = b.networkCommitments().get().get(alice.pubKey());
    assertThat(now - seen.timestamp()).isLessThan(Subgroups.ACTIVE_MILLIS);
    assertThat(b.received().get().total()).isCloseTo(3.0, within(1e-9));
    assertThat(b.converged().get()).isTrue();
  }

  @Test
  void aParticipantWithoutAnIdPublishesNothingUntilSponsoredInBand() {
    CommonsNode a = commons.founder(alice);
    CommonsNode b = commons.builder(bob).awaitInvitationFrom(alice.pubKey()).build();
    b.start();
    b.setNeeds(List.of(NeedSlot.of("n", "tea", 2)));
    b.setRecognition(Map.of(alice.pubKey(), 1.0));
    commons.run(Duration.ofSeconds(2));
    assertThat(b.diagnostics().member()).isFalse();
    assertThat(b.diagnostics().published()).isZero();
    assertThat(commons.network.latest(DocumentPaths.of(bob.pubKey(), DocumentPaths.COMMITMENT))).isEmpty();

    commons.await(a.invite(bob.pubKey()));
    commons.run(Duration.ofSeconds(2));
    assertThat(b.diagnostics().member()).isTrue();
    assertThat(b.diagnostics().sponsor()).contains(alice.pubKey());
    assertThat(commons.network.latest(DocumentPaths.of(bob.pubKey(), DocumentPaths.COMMITMENT))).isPresent();
  }

  @Test
  void badInputThrowsNamingFieldValueAndRuleAndChangesNothing() {
    CommonsNode a = commons.founder(alice);
    commons.await(a.setNeeds(List.of(NeedSlot.of("n", "tea", 2))));
    assertThatThrownBy(() -> a.setNeeds(List.of(NeedSlot.of("n", "tea", -1))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("need_slots[0].quantity")
        .hasMessageContaining("-1.0")
        .hasMessageContaining("greater than or equal to 0");
    assertThatThrownBy(() -> a.setNeeds(List.of(NeedSlot.of("n", "tea", Double.NaN))))
        .hasMessageContaining("need_slots[0].quantity")
        .hasMessageContaining("finite");
    assertThatThrownBy(
            () -> a.setNeeds(List.of(NeedSlot.of("n", "tea", 1), NeedSlot.of("n", "coffee", 1))))
        .hasMessageContaining("need_slots[1].id = n: must be unique");
    assertThatThrownBy(() -> a.setRecognition(Map.of(bob.pubKey(), 1.5)))
        .hasMessageContaining("recognition_weights[" + bob.pubKey() + "] = 1.5: must be a finite number in [0, 1]");
    assertThatThrownBy(() -> a.setRecognition(Map.of("not a key", 0.5)))
        .hasMessageContaining("recognition_weights[not a key]");
    commons.run(Duration.ofSeconds(1));
    assertThat(a.commitment().get().orElseThrow().needSlots()).containsExactly(NeedSlot.of("n", "tea", 2));
  }

  @Test
  void builderRejectsMissingPartsAndForeignInvitations() {
    assertThatThrownBy(() -> CommonsNode.builder().transport(commons.network.transport()).build())
        .hasMessageContaining("identity is required");
    assertThatThrownBy(() -> CommonsNode.builder().identity(alice).build())
        .hasMessageContaining("transport is required");
    assertThatThrownBy(() -> CommonsNode.builder().heartbeat(Duration.ofSeconds(60)))
        .hasMessageContaining("heartbeat = PT1M");
    assertThatThrownBy(() -> CommonsNode.builder().founder().awaitInvitationFrom(bob.pubKey()))
        .isInstanceOf(IllegalStateException.class);
    CommonsNode a = commons.founder(alice);
    var inv = commons.await(a.invite(bob.pubKey()));
    assertThatThrownBy(() -> commons.builder(carol).joinWith(inv).build())
        .hasMessageContaining("invitation.newcomer = " + bob.pubKey());
  }

  @Test
  void aKilledNodeRestartsFromItsFolderWithEveryAcknowledgedWrite(@TempDir Path dir) {
    CommonsNode a = commons.founder(alice, dir);
    CommonsNode b = commons.join(a, bob);
    b.setRecognition(Map.of(alice.pubKey(), 1.0));
    commons.await(a.setRecognition(Map.of(bob.pubKey(), 1.0)));
    commons.run(Duration.ofSeconds(1));
    var ack = a.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 7)));
    commons.await(ack); // acknowledged: durable. The publish debounce may not have run yet.
    var stampBefore = a.stamp();
    // kill: no close(), drop the object; its scheduled tasks die with it
    CommonsNode killed = a;
    killed.equals(null);
    TestCommons fresh = new TestCommons();
    CommonsNode restarted = fresh.builder(alice).storage(dir).build();
    assertThat(restarted.commitment().get().orElseThrow().capacitySlots())
        .containsExactly(AvailabilitySlot.of("s", "soup", 7));
    assertThat(restarted.commitment().get().orElseThrow().recognitionWeights()).containsEntry(bob.pubKey(), 1.0);
    assertThat(restarted.diagnostics().member()).isTrue();
    assertThat(stampBefore.leq(restarted.stamp())).isTrue();
    assertThat(restarted.stamp().id()).isEqualTo(stampBefore.id());
  }

  @Test
  void restartedNodePublishesAStampNewerThanEverythingItPublishedBefore(@TempDir Path dir) {
    CommonsNode a = commons.founder(alice, dir);
    CommonsNode b = commons.join(a, bob);
    b.setRecognition(Map.of(alice.pubKey(), 1.0));
    a.setRecognition(Map.of(bob.pubKey(), 1.0));
    a.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 7)));
    commons.run(Duration.ofSeconds(2));
    var published = commons.network.latest(DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT)).orElseThrow();
    a.close();
    CommonsNode again = commons.builder(alice).storage(dir).build();
    again.start();
    commons.await(again.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 9))));
    commons.run(Duration.ofSeconds(2));
    var later = commons.network.latest(DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT)).orElseThrow();
    assertThat(later).isNotEqualTo(published);
    assertThat(b.networkCommitments().get().get(alice.pubKey()).capacitySlots().get(0).quantity()).isEqualTo(9.0);
    assertThat(b.diagnostics().stale()).isGreaterThanOrEqualTo(0);
  }

  /**
   * A scheduler that is not a {@link VirtualScheduler} but is driven by the caller (the testkit's
   * per-node view is one) must let {@code follow} and {@code close} run inline before {@code start}:
   * handing the work over and waiting would block for a task nobody runs.
   */
  @Test
  void aCallerDrivenSchedulerRunsFollowAndCloseInlineBeforeStart() {
    VirtualScheduler shared = VirtualScheduler.startingAtDefaultEpoch();
    Scheduler view =
        new Scheduler() {
          @Override
          public java.time.Clock clock() {
            return shared.clock();
          }

          @Override
          public Cancellable schedule(Duration delay, Runnable task) {
            return shared.schedule(delay, task);
          }

          @Override
          public boolean inSchedulerThread() {
            return shared.inSchedulerThread();
          }
        };
    CommonsNode plain = CommonsNode.builder().identity(carol).transport(commons.network.transport()).scheduler(view).founder().build();
    CommonsNode n = CommonsNode.builder().identity(alice).transport(commons.network.transport()).scheduler(view).founder().build();

    long before = System.nanoTime();
    n.follow(bob.pubKey());
    n.start();
    plain.start();
    shared.advanceBy(Duration.ofSeconds(1));
    assertThat(n.diagnostics().subscriptions()).isEqualTo(plain.diagnostics().subscriptions() + 1);
    plain.close();
    n.close();
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    assertThatThrownBy(() -> n.setNeeds(List.of())).isInstanceOf(IllegalStateException.class);
  }
}
