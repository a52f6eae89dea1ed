package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class PubKeysProperties {

  @Property(tries = 200)
  void everyGeneratedIdentityHasAValidKeyThatRoundTrips(@ForAll @Size(32) byte[] seed) {
    Identity id = Identity.fromSeed(seed);
    assertThat(PubKeys.problem(id.pubKey())).isEmpty();
    assertThat(Identity.publicKey(id.pubKey())).isEqualTo(id.keyPair().getPublic());
  }

  @Property(tries = 500)
  void aValidKeyIsTheCanonicalTextOfItsBytesAndTheJdkTakesIt(@ForAll @Size(32) byte[] raw) {
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    if (PubKeys.isValid(text)) {
      assertThat(Identity.publicKey(text).getAlgorithm()).isIn("EdDSA", "Ed25519");
    }
    // any other last character with the same 6-bit prefix is not valid
    char last = text.charAt(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int v = alphabet.indexOf(last);
    for (int spare = 1; spare < 4; spare++) {
      assertThat(PubKeys.isValid(text.substring(0, 42) + alphabet.charAt(v | spare))).isFalse();
    }
  }

  /**
   * Remembering valid keys changes no answer: random texts (mostly invalid points, some valid),
   * asked before and after valid keys filled the table, and texts sharing a slot with a remembered
   * key, get exactly the full check's answer.
   */
  @Property(tries = 300)
  void rememberedAnswersAreTheFullChecksAnswers(@ForAll @Size(32) byte[] raw, @ForAll @Size(32) byte[] seed) {
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String valid = Identity.fromSeed(seed).pubKey();
    assertThat(PubKeys.problem(valid)).isEmpty();
    assertThat(PubKeys.problem(valid)).isEmpty();
    assertThat(PubKeys.problem(text)).isEqualTo(fullCheck(text));
    assertThat(PubKeys.problem(text)).isEqualTo(fullCheck(text));
    // a text in the remembered key's slot that is not that key is checked in full
    // (+1 at index 41 and -31 at index 42 leave String.hashCode unchanged)
    String neighbour = valid.substring(0, 41) + (char) (valid.charAt(41) + 1) + (char) (valid.charAt(42) - 31);
    assertThat(neighbour.hashCode()).isEqualTo(valid.hashCode());
    assertThat(PubKeys.problem(neighbour)).isEqualTo(fullCheck(neighbour));
    byte[] small = new byte[32]; // the identity point (y = 1): small order
    small[0] = 1;
    String identityPoint = Base64.getUrlEncoder().withoutPadding().encodeToString(small);
    assertThat(PubKeys.problem(identityPoint)).isPresent().isEqualTo(fullCheck(identityPoint));
  }

  private static Optional<String> fullCheck(String text) {
    byte[] into = new byte[32];
    Optional<String> t = PubKeys.decodeCanonical(text, into);
    return t.isPresent() ? t : PubKeys.pointProblem(into);
  }
}
