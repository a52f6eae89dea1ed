package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Duplicated, reordered, stale, concurrent, forged, invalid and oversized deliveries. */
class DeliveryFaultsTest {

  final TestCommons commons = new TestCommons();
  final Identity alice = TestCommons.identity(1);
  final Identity bob = TestCommons.identity(2);
  final Identity carol = TestCommons.identity(3);
  final Envelopes envelopes = Envelopes.using(Codec.defaults());
  final String bobCommitment = DocumentPaths.of(bob.pubKey(), DocumentPaths.COMMITMENT);
  CommonsNode a;
  CommonsNode b;
  Transport injector;

  @BeforeEach
  void commons() {
    a = commons.founder(alice);
    b = commons.join(a, bob);
    a.setCapacity(List.of(AvailabilitySlot.of("s", "soup", 10)));
    a.setRecognition(Map.of(bob.pubKey(), 1.0));
    b.setRecognition(Map.of(alice.pubKey(), 1.0));
    injector = commons.network.transport();
  }

  byte[] bobsLatest() {
    return commons.network.latest(bobCommitment).orElseThrow();
  }

  @Test
  void duplicatedAndStaleDeliveriesChangeNothing() {
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 2)));
    commons.run(Duration.ofSeconds(3));
    byte[] v1 = bobsLatest();
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 3)));
    commons.run(Duration.ofSeconds(3));
    byte[] v2 = bobsLatest();
    assertThat(a.allocationState().get().orElseThrow().totalFor(bob.pubKey())).isEqualTo(3.0);
    long published = a.diagnostics().published();
    long ignored = CommonsNodeRepairTest.ignored(a);
    var stateBefore = a.allocationState().get();

    injector.publish(bobCommitment, v2); // duplicate
    injector.publish(bobCommitment, v1); // stale
    injector.publish(bobCommitment, v2); // duplicate again
    commons.run(Duration.ofMillis(500));

    assertThat(CommonsNodeRepairTest.ignored(a)).as("each dropped as a repeat or ignored as stale").isEqualTo(ignored + 3);
    assertThat(a.networkCommitments().get().get(bob.pubKey()).needSlots().get(0).quantity()).isEqualTo(3.0);
    assertThat(a.allocationState().get()).isEqualTo(stateBefore);
    assertThat(a.diagnostics().published()).isEqualTo(published);
  }

  @Test
  void reorderedDeliveriesEndAtTheCausallyNewestVersion() {
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 2)));
    commons.run(Duration.ofSeconds(3));
    byte[] v1 = bobsLatest();
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 3)));
    commons.run(Duration.ofSeconds(3));
    byte[] v2 = bobsLatest();

    MemoryNetwork other = MemoryNetwork.create();
    CommonsNode reader =
        CommonsNode.builder().identity(carol).transport(other.transport()).scheduler(commons.scheduler)
            .follow(bob.pubKey()).build();
    reader.start();
    commons.run(Duration.ofMillis(10));
    Transport t = other.transport();
    t.publish(bobCommitment, v2);
    t.publish(bobCommitment, v1);
    commons.run(Duration.ofMillis(10));
    assertThat(reader.networkCommitments().get().get(bob.pubKey()).needSlots().get(0).quantity()).isEqualTo(3.0);
    assertThat(reader.diagnostics().accepted()).isEqualTo(1);
    assertThat(reader.diagnostics().stale()).isEqualTo(1);
  }

  @Test
  void concurrentVersionsResolveDeterministicallyInEitherOrderAndAreCounted() {
    Stamp.Fork f = b.stamp().fork();
    Commitment x = commitmentOfBob(2, f.left().event(), 1_000);
    Commitment y = commitmentOfBob(5, f.right().event(), 2_000);
    byte[] ex = envelopes.seal(bob, bobCommitment, x);
    byte[] ey = envelopes.seal(bob, bobCommitment, y);
    for (List<byte[]> order : List.of(List.of(ex, ey), List.of(ey, ex))) {
      MemoryNetwork other = MemoryNetwork.create();
      CommonsNode reader =
          CommonsNode.builder().identity(carol).transport(other.transport()).scheduler(commons.scheduler)
              .follow(bob.pubKey()).build();
      reader.start();
      commons.run(Duration.ofMillis(10));
      Transport t = other.transport();
      order.forEach(e -> t.publish(bobCommitment, e));
      commons.run(Duration.ofMillis(10));
      // the higher timestamp (y, 2000) wins whatever the arrival order
      assertThat(reader.networkCommitments().get().get(bob.pubKey()).needSlots().get(0).quantity()).isEqualTo(5.0);
      assertThat(reader.diagnostics().concurrent()).isEqualTo(1);
      reader.close();
    }
  }

  Commitment commitmentOfBob(double need, Stamp stamp, long timestamp) {
    return Commitment.builder(bob.pubKey())
        .needSlot(NeedSlot.of("n", "soup", need))
        .recognize(alice.pubKey(), 1.0)
        .itcStamp(stamp)
        .timestamp(commons.scheduler.nowMillis() - 5_000 + timestamp)
        .build();
  }

  /** An envelope built by hand, bypassing every check of {@link Envelopes#seal}. */
  static byte[] forge(String path, String author, String payloadJson, Identity signer) {
    byte[] payload = payloadJson.getBytes(StandardCharsets.UTF_8);
    String sig =
        Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign(Envelopes.signedBytes(path, payload)));
    String env = "{\"path\":\"" + path + "\",\"author\":\"" + author + "\",\"payload\":" + payloadJson
        + ",\"sig\":\"" + sig + "\"}";
    return env.getBytes(StandardCharsets.UTF_8);
  }

  String commitmentJson(String pubKey, String quantity) {
    return "{\"pubKey\":\"" + pubKey + "\",\"need_slots\":[{\"id\":\"n\",\"name\":\"soup\",\"quantity\":" + quantity
        + "}],\"recognition_weights\":{\"" + alice.pubKey() + "\":1.0},"
        + "\"itcStamp\":{\"id\":0,\"event\":{\"n\":0,\"l\":0,\"r\":99}},\"timestamp\":"
        + commons.scheduler.nowMillis() + "}";
  }

  @Test
  void forgedInvalidAndOversizedDocumentsAreRejectedWithAReasonAndCounted() {
    b.setNeeds(List.of(NeedSlot.of("n", "soup", 2)));
    commons.run(Duration.ofSeconds(3));
    Map<String, Commitment> before = a.networkCommitments().get();
    var stateBefore = a.allocationState().get();

    // Carol signs a document at Bob's path, as herself
    injector.publish(bobCommitment, forge(bobCommitment, carol.pubKey(), commitmentJson(bob.pubKey(), "9"), carol));
    // Carol claims to be Bob
    injector.publish(bobCommitment, forge(bobCommitment, bob.pubKey(), commitmentJson(bob.pubKey(), "9"), carol));
    // Bob signs a commitment naming Carol
    injector.publish(bobCommitment, forge(bobCommitment, bob.pubKey(), commitmentJson(carol.pubKey(), "9"), bob));
    // Bob signs an invalid document: negative quantity
    injector.publish(bobCommitment, forge(bobCommitment, bob.pubKey(), commitmentJson(bob.pubKey(), "-1"), bob));
    // NaN smuggled as a string
    injector.publish(bobCommitment, forge(bobCommitment, bob.pubKey(), commitmentJson(bob.pubKey(), "\"NaN\""), bob));
    // Oversized: a 2 MiB description
    String big = "x".repeat(2 << 20);
    injector.publish(bobCommitment, forge(bobCommitment, bob.pubKey(),
        commitmentJson(bob.pubKey(), "9").replace("\"name\":\"soup\"", "\"name\":\"" + big + "\""), bob));
    // Not even JSON
    injector.publish(bobCommitment, "{\"path\": [".getBytes(StandardCharsets.UTF_8));
    commons.run(Duration.ofSeconds(1));

    Diagnostics d = a.diagnostics();
    assertThat(d.rejected())
        .containsEntry(Rejection.WRONG_AUTHOR, 2L)
        .containsEntry(Rejection.BAD_SIGNATURE, 1L)
        .containsEntry(Rejection.INVALID_DOCUMENT, 2L)
        .containsEntry(Rejection.OVERSIZED, 1L)
        .containsEntry(Rejection.MALFORMED, 1L);
    assertThat(a.networkCommitments().get()).isEqualTo(before);
    assertThat(a.allocationState().get()).isEqualTo(stateBefore);
  }
}
