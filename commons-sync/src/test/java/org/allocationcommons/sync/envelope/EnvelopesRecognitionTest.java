package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/**
 * The network boundary refuses the recognition weights the local API refuses (SPEC 7): keys that
 * are not participant keys and a participant recognising itself. The envelopes are signed by hand
 * (as a hostile peer would), since sealing refuses them too.
 */
class EnvelopesRecognitionTest {

  final Codec codec = Codec.defaults();
  final Envelopes envelopes = Envelopes.using(codec);
  final Identity alice = Identity.generate();
  final Identity bob = Identity.generate();
  final String path = DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT);

  /** An envelope as a peer could forge it: the payload is signed as is, whatever it says. */
  byte[] forged(String path, String payload) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    byte[] sig = alice.sign(Envelopes.signedBytes(path, p));
    String b64 = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    return ("{\"path\":\"" + path + "\",\"author\":\"" + alice.pubKey() + "\",\"payload\":" + payload
        + ",\"sig\":\"" + b64 + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  String commitment(String weights) {
    return "{\"pubKey\":\"" + alice.pubKey() + "\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":1},"
        + "\"recognition_weights\":" + weights + "}";
  }

  @Test
  void aRecognitionKeyThatIsNotAParticipantKeyIsRejected() {
    byte[] env = forged(path, commitment("{\"bob\":0.5}"));
    assertThatThrownBy(() -> envelopes.open(path, env))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> {
          assertThat(e.reason()).isEqualTo(Rejection.INVALID_DOCUMENT);
          assertThat(e.violations()).extracting(Violation::field).containsExactly("recognition_weights[bob]");
          assertThat(e.violations().get(0).rule()).startsWith("key must be 43 base64url characters");
        });
  }

  @Test
  void selfRecognitionIsRejected() {
    byte[] env = forged(path, commitment("{\"" + alice.pubKey() + "\":0.5,\"" + bob.pubKey() + "\":0.5}"));
    assertThatThrownBy(() -> envelopes.open(path, env))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e ->
            assertThat(e.violations()).extracting(Violation::field, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("recognition_weights[" + alice.pubKey() + "]",
                    "key must be another participant: a participant does not recognise itself")));
  }

  @Test
  void theRecognitionWeightsDocumentIsCheckedTheSameWay() {
    String rwPath = DocumentPaths.of(alice.pubKey(), DocumentPaths.RECOGNITION_WEIGHTS);
    String payload = "{\"pubKey\":\"" + alice.pubKey() + "\",\"timestamp\":5,\"itcStamp\":{\"id\":1,\"event\":1},"
        + "\"weights\":{\"bob\":0.5}}";
    assertThatThrownBy(() -> envelopes.open(rwPath, forged(rwPath, payload)))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e ->
            assertThat(e.violations()).extracting(Violation::field).containsExactly("weights[bob]"));
  }

  @Test
  void validWeightsStillOpenAndSealingRefusesWhatOpeningWould() {
    Commitment ok = Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(5)
        .recognize(bob.pubKey(), 0.5).build();
    assertThat(envelopes.open(path, envelopes.seal(alice, path, ok)).document(Commitment.class)).isEqualTo(ok);
    Commitment bad = ok.toBuilder().recognize("bob", 0.5).build();
    assertThatThrownBy(() -> envelopes.seal(alice, path, bad)).hasMessageContaining("recognition_weights[bob]");
    RecognitionWeights self = new RecognitionWeights(alice.pubKey(), Map.of(alice.pubKey(), 1.0),
        Stamp.seed().event(), 5);
    String rwPath = DocumentPaths.of(alice.pubKey(), DocumentPaths.RECOGNITION_WEIGHTS);
    assertThatThrownBy(() -> envelopes.seal(alice, rwPath, self)).hasMessageContaining("does not recognise itself");
  }
}
