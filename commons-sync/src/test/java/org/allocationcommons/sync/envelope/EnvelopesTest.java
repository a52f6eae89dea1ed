package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

  final Envelopes envelopes = Envelopes.using(Codec.defaults());
  final Identity alice = Identity.generate();
  final Identity bob = Identity.generate();
  final String path = DocumentPaths.of(alice.pubKey(), DocumentPaths.COMMITMENT);
  final Commitment doc =
      Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(42).build();

  @Test
  void sealedEnvelopesOpenToTheSameDocument() {
    byte[] env = envelopes.seal(alice, path, doc);
    String text = new String(env, StandardCharsets.UTF_8);
    assertThat(text).startsWith("{\"path\":\"" + path + "\",\"author\":\"" + alice.pubKey() + "\",\"payload\":{");
    assertThat(text).contains(",\"sig\":\"");
    Opened o = envelopes.open(path, env);
    assertThat(o.author()).isEqualTo(alice.pubKey());
    assertThat(o.type()).isEqualTo(DocumentType.COMMITMENT);
    assertThat(o.document(Commitment.class)).isEqualTo(doc);
    assertThat(new String(o.payload(), StandardCharsets.UTF_8)).startsWith("{\"pubKey\"").endsWith("}");
  }

  @Test
  void anyChangedPayloadByteBreaksTheSignature() {
    byte[] env = envelopes.seal(alice, path, doc);
    String text = new String(env, StandardCharsets.UTF_8).replace("\"timestamp\":42", "\"timestamp\":43");
    assertThatThrownBy(() -> envelopes.open(path, text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.BAD_SIGNATURE));
  }

  @Test
  void anEnvelopeDeliveredAtAnotherPathIsRejected() {
    byte[] env = envelopes.seal(alice, path, doc);
    assertThatThrownBy(() -> envelopes.open(DocumentPaths.of(bob.pubKey(), DocumentPaths.COMMITMENT), env))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.WRONG_PATH));
  }

  @Test
  void sealingRefusesForeignPathsAndMisplacedDocuments() {
    assertThatThrownBy(() -> envelopes.seal(bob, path, doc)).hasMessageContaining("cannot be signed by " + bob.pubKey());
    assertThatThrownBy(() -> envelopes.seal(alice, DocumentPaths.of(alice.pubKey(), DocumentPaths.ALLOCATION_STATE), doc))
        .hasMessageContaining("does not belong at");
    Commitment bobs = Commitment.builder(bob.pubKey()).timestamp(1).build();
    assertThatThrownBy(() -> envelopes.seal(alice, path, bobs)).hasMessageContaining("names author " + bob.pubKey());
  }

  @Test
  void oversizedEnvelopesAreRejectedBeforeParsing() {
    Envelopes small = Envelopes.using(Codec.withLimits(64, 16));
    byte[] env = envelopes.seal(alice, path, doc);
    assertThatThrownBy(() -> small.open(path, env))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.OVERSIZED));
  }
}
