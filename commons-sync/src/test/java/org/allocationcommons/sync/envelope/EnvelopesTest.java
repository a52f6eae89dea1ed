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

  @Test
  void sealingRefusesAnEnvelopeAboveTheLimitNamingPathSizeAndLimit() {
    int size = envelopes.seal(alice, path, doc).length;
    Envelopes exact = Envelopes.using(Codec.withLimits(size, 200));
    assertThat(exact.seal(alice, path, doc)).hasSize(size); // at the limit: sealed, and it opens
    assertThat(exact.open(path, exact.seal(alice, path, doc)).document(Commitment.class)).isEqualTo(doc);
    Envelopes below = Envelopes.using(Codec.withLimits(size - 1, 200));
    assertThatThrownBy(() -> below.seal(alice, path, doc))
        .isInstanceOfSatisfying(OversizedEnvelopeException.class, e -> {
          assertThat(e.path()).isEqualTo(path);
          assertThat(e.size()).isEqualTo(size);
          assertThat(e.limit()).isEqualTo(size - 1);
        })
        .hasMessageContaining(path)
        .hasMessageContaining(size + " bytes")
        .hasMessageContaining("at most " + (size - 1));
  }

  @Test
  void aSignatureHasOneTextOnly() {
    byte[] env = envelopes.seal(alice, path, doc);
    String text = new String(env, StandardCharsets.UTF_8);
    int at = text.indexOf(",\"sig\":\"") + 8;
    String sig = text.substring(at, at + 86);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int v = alphabet.indexOf(sig.charAt(85));
    String variant = sig.substring(0, 85) + alphabet.charAt(v ^ 1); // a spare bit: same 64 bytes
    assertThat(java.util.Base64.getUrlDecoder().decode(variant)).isEqualTo(java.util.Base64.getUrlDecoder().decode(sig));
    byte[] other = (text.substring(0, at) + variant + text.substring(at + 86)).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> envelopes.open(path, other))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> {
          assertThat(e.reason()).isEqualTo(Rejection.BAD_SIGNATURE);
          assertThat(e.violations().get(0).rule()).contains("86 base64url characters").contains("canonical");
        });
  }

  @Test
  void aSharedVerificationCacheVerifiesEachDocumentOncePerJvm() {
    VerificationCache cache = VerificationCache.bounded(16);
    Envelopes nodeA = Envelopes.using(Codec.defaults()).withVerificationCache(cache);
    Envelopes nodeB = Envelopes.using(Codec.defaults()).withVerificationCache(cache);
    byte[] env = envelopes.seal(alice, path, doc);
    assertThat(nodeA.open(path, env).document(Commitment.class)).isEqualTo(doc);
    assertThat(nodeB.open(path, env).document(Commitment.class)).isEqualTo(doc);
    assertThat(cache.misses()).isEqualTo(1);
    assertThat(cache.hits()).isEqualTo(1);
    // every other check still runs: the path binding...
    assertThatThrownBy(() -> nodeB.open(DocumentPaths.of(bob.pubKey(), DocumentPaths.COMMITMENT), env))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.WRONG_PATH));
    // ...and a changed payload is a new (failing) verification, never a hit
    String tampered = new String(env, StandardCharsets.UTF_8).replace("\"timestamp\":42", "\"timestamp\":43");
    assertThatThrownBy(() -> nodeB.open(path, tampered.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> assertThat(e.reason()).isEqualTo(Rejection.BAD_SIGNATURE));
    assertThat(cache.size()).isEqualTo(1); // failures are not remembered
  }

  @Test
  void theVerificationCacheIsBounded() {
    VerificationCache cache = VerificationCache.bounded(2);
    Envelopes e = Envelopes.using(Codec.defaults()).withVerificationCache(cache);
    for (int t = 1; t <= 3; t++) {
      Commitment c = Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(t).build();
      e.open(path, envelopes.seal(alice, path, c));
    }
    assertThat(cache.size()).isEqualTo(2);
    Commitment first = Commitment.builder(alice.pubKey()).itcStamp(Stamp.seed().event()).timestamp(1).build();
    e.open(path, envelopes.seal(alice, path, first)); // evicted (least recently used): verified again
    assertThat(cache.misses()).isEqualTo(4);
    assertThat(cache.hits()).isZero();
    assertThatThrownBy(() -> VerificationCache.bounded(0)).hasMessage("maxEntries = 0: must be at least 1");
  }
}
