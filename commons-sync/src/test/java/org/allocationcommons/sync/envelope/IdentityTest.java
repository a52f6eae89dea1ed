package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class IdentityTest {

  // RFC 8032, section 7.1, TEST 1 (empty message) and TEST 2 (one byte 0x72).
  static final byte[] SECRET_1 =
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  static final byte[] PUBLIC_1 =
      HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  static final byte[] SIG_1 =
      HexFormat.of()
          .parseHex(
              "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

  @Test
  void fromSeedReproducesTheRfc8032TestVector() {
    Identity id = Identity.fromSeed(SECRET_1);
    assertThat(id.pubKey()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(PUBLIC_1));
    assertThat(id.pubKey()).hasSize(43);
    assertThat(id.sign(new byte[0])).isEqualTo(SIG_1);
    assertThat(Identity.verify(id.pubKey(), new byte[0], SIG_1)).isTrue();
  }

  @Test
  void sameSeedSameKeyDifferentSeedDifferentKey() {
    byte[] other = SECRET_1.clone();
    other[0] ^= 1;
    assertThat(Identity.fromSeed(SECRET_1.clone()).pubKey()).isEqualTo(Identity.fromSeed(SECRET_1).pubKey());
    assertThat(Identity.fromSeed(other).pubKey()).isNotEqualTo(Identity.fromSeed(SECRET_1).pubKey());
  }

  @Test
  void signaturesVerifyOnlyForTheSignerAndTheData() {
    Identity a = Identity.generate();
    Identity b = Identity.generate();
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] sig = a.sign(data);
    assertThat(Identity.verify(a.pubKey(), data, sig)).isTrue();
    assertThat(Identity.verify(b.pubKey(), data, sig)).isFalse();
    assertThat(Identity.verify(a.pubKey(), "hellO".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
    assertThat(Identity.verify("not-a-key", data, sig)).isFalse();
  }

  @Test
  void rejectsSeedsOfTheWrongLength() {
    assertThatThrownBy(() -> Identity.fromSeed(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("31 bytes")
        .hasMessageContaining("exactly 32");
  }

  @Test
  void publicKeyRoundTripsThroughItsName() {
    Identity a = Identity.generate();
    assertThat(Identity.publicKey(a.pubKey())).isEqualTo(a.keyPair().getPublic());
    assertThatThrownBy(() -> Identity.publicKey("abc")).hasMessage("pubKey = abc: must be 43 base64url characters (an Ed25519 public key), not 3");
  }
}
