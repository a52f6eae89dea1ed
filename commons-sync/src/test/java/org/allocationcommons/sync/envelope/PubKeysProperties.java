package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
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
}
