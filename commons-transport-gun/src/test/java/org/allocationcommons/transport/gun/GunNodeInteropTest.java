package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole participants ({@link CommonsNode}s on real threads, each with its own {@link GunTransport})
 * sharing a commons through real GUN relays under Node.js: they reach the allocations commons-core
 * computes and report convergence, across a mesh of relays and across a relay restart, and they
 * interoperate with a JavaScript participant that signs its own envelopes.
 */
@Tag("interop")
class GunNodeInteropTest extends NodeInteropSupport {

  @Override
  GunTransport openTransport(URI relay) {
    return GunTransport.open(
        GunOptions.peers(relay)
            .withAckTimeout(Duration.ofMillis(500))
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }

  @Override
  Set<Rejection> toleratedRejections() {
    return Set.of();
  }

  @Test
  void twoNodesThroughOneRelayReachTheAllocationAndConverge() throws Exception {
    twoNodesReachTheAllocationAndConverge(keep(GunRelay.start()));
  }

  @Test
  void tenNodesOnTheirOwnTransportsThroughOneRelayConverge() throws Exception {
    GunRelay relay = keep(GunRelay.start());
    List<CommonsNode> nodes = commons(10, List.of(relay.url()));
    share(nodes);
    awaitTheAllocationCommonsCoreComputes(nodes);
  }

  @Test
  void nodesSplitAcrossTwoMeshedRelaysConverge() throws Exception {
    GunRelay first = keep(GunRelay.start());
    GunRelay second = keep(GunRelay.start(first.url()));
    // A subscription made on the second relay before its link to the first is up is not forwarded,
    // and would wait for the next resubscription or heartbeat (30 s); see docs/transports.md.
    await("the second relay's link to the first", () -> second.output().contains("mesh connected " + first.url()),
        second::output);
    List<CommonsNode> nodes = commons(6, List.of(first.url(), second.url()));
    share(nodes);
    awaitTheAllocationCommonsCoreComputes(nodes);
  }

  @Test
  void aRelayRestartedMidRunLosesNoAcknowledgedCommitment() throws Exception {
    aRestartedRelayLosesNoAcknowledgedCommitment(
        GunRelay::startWithStorage, (port, storage) -> GunRelay.start(port, Optional.of(storage), List.of()));
  }

  @Test
  void aJavaScriptParticipantReadsAJavaCommitmentAndWritesOneTheJavaNodeAcceptsOnlyWhenSignedRight()
      throws Exception {
    // with storage: a relay without storage never acknowledges a put, and the script waits for that
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    String url = relay.url().toString();
    CommonsNode java = node(Identity.generate(), relay.url(), Optional.empty());
    java.setCapacity(List.of(AvailabilitySlot.of("soup", "soup", 7))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    await("the java node has published its commitment",
        () -> java.diagnostics().published() > 0, () -> java.diagnostics());
    JsonMapper json = JsonMapper.builder().build();

    // 1. JavaScript reads the Java node's commitment and verifies its Ed25519 signature itself.
    String read = lastLine(GunRelay.run(GunRelay.gunDirectory(),
        List.of("node", "participant.js", "read", url, GunOptions.DEFAULT_NAMESPACE, java.pubKey(), "20000"),
        Duration.ofSeconds(30)));
    JsonNode seen = json.readTree(read);
    assertThat(seen.path("verified").asBoolean()).isTrue();
    assertThat(seen.path("payload").path("pubKey").asString()).isEqualTo(java.pubKey());
    assertThat(seen.path("payload").path("capacity_slots").get(0).path("quantity").asDouble()).isEqualTo(7.0);

    // 2. JavaScript signs and writes its own commitment; the Java node (recognising it) accepts it.
    Identity js = Identity.generate();
    java.setRecognition(Map.of(js.pubKey(), 1.0));
    String pkcs8 = Base64.getEncoder().encodeToString(js.privateKey().getEncoded());
    String wrote = lastLine(GunRelay.run(GunRelay.gunDirectory(),
        List.of("node", "participant.js", "write", url, GunOptions.DEFAULT_NAMESPACE, pkcs8, "-", java.pubKey(), "5", "20000"),
        Duration.ofSeconds(30)));
    assertThat(json.readTree(wrote).path("author").asString()).isEqualTo(js.pubKey());
    await("the java node accepts the javascript participant's commitment",
        () -> java.networkCommitments().get().containsKey(js.pubKey()), () -> java.diagnostics());
    Commitment fromJs = java.networkCommitments().get().get(js.pubKey());
    assertThat(fromJs.capacitySlots()).singleElement().satisfies(s -> assertThat(s.quantity()).isEqualTo(5.0));
    assertThat(fromJs.recognitionWeights()).containsEntry(java.pubKey(), 1.0);

    // 3. The same participant writes under somebody else's key: rejected, counted, never stored.
    Identity victim = Identity.generate();
    java.follow(victim.pubKey());
    long before = java.diagnostics().rejected().getOrDefault(Rejection.BAD_SIGNATURE, 0L);
    lastLine(GunRelay.run(GunRelay.gunDirectory(),
        List.of("node", "participant.js", "write", url, GunOptions.DEFAULT_NAMESPACE, pkcs8, victim.pubKey(), java.pubKey(), "99", "20000"),
        Duration.ofSeconds(30)));
    await("the java node rejects the forged commitment for its signature",
        () -> java.diagnostics().rejected().getOrDefault(Rejection.BAD_SIGNATURE, 0L) > before, () -> java.diagnostics());
    assertThat(java.networkCommitments().get()).doesNotContainKey(victim.pubKey());
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }
}
