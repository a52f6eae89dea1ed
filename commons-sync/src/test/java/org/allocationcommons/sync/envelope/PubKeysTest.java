package org.allocationcommons.sync.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.codec.Codec;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class PubKeysTest {

  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /**
   * The 8 small-order points of Ed25519 in their canonical encodings (orders 1, 2, 4, 4, 8, 8, 8,
   * 8) and their non-canonical ones (x = 0 with the sign bit, y + p), as listed in libsodium's
   * blocklist and "Taming the many EdDSAs" (Chalkias et al., 2020).
   */
  static final List<String> SMALL_ORDER_CANONICAL =
      List.of(
          "0100000000000000000000000000000000000000000000000000000000000000",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "0000000000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000080",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
          "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
          "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85");

  static final List<String> SMALL_ORDER_NON_CANONICAL =
      List.of(
          "0100000000000000000000000000000000000000000000000000000000000080",
          "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
          "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
          "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");

  static String text(String hex) {
    return B64.encodeToString(HexFormat.of().parseHex(hex));
  }

  @Test
  void theIdentityPointKeyWithTheIdentityPointSignatureForgesAnyDocumentForTheJdkButIsRefused() {
    String identityPoint = "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(text(SMALL_ORDER_CANONICAL.get(0))).isEqualTo(identityPoint);
    byte[] forged = new byte[64];
    forged[0] = 1; // R = the identity point, S = 0
    byte[] anything = "any document at all".getBytes(StandardCharsets.UTF_8);
    // The JDK alone accepts it: [S]B = R + [k]A holds for every message when A and R are the identity.
    assertThat(jdkVerify(HexFormat.of().parseHex(SMALL_ORDER_CANONICAL.get(0)), anything, forged)).isTrue();
    assertThat(Identity.verify(identityPoint, anything, forged)).isFalse();

    String path = DocumentPaths.of(identityPoint, DocumentPaths.COMMITMENT);
    byte[] payload =
        Codec.defaults().write(Commitment.builder(identityPoint).itcStamp(Stamp.seed().event()).timestamp(42).build());
    String envelope =
        "{\"path\":\"" + path + "\",\"author\":\"" + identityPoint + "\",\"payload\":"
            + new String(payload, StandardCharsets.UTF_8) + ",\"sig\":\"" + B64.encodeToString(forged) + "\"}";
    assertThatThrownBy(() -> Envelopes.using(Codec.defaults()).open(path, envelope.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(RejectedEnvelopeException.class, e -> {
          assertThat(e.reason()).isEqualTo(Rejection.INVALID_KEY);
          assertThat(e.violations().get(0).field()).isEqualTo("author");
          assertThat(e.violations().get(0).value()).isEqualTo(identityPoint);
          assertThat(e.violations().get(0).rule()).contains("small-order");
        });
  }

  @ParameterizedTest
  @FieldSource("SMALL_ORDER_CANONICAL")
  void everySmallOrderPointIsRefused(String hex) {
    assertThat(PubKeys.problem(text(hex))).hasValueSatisfying(p -> assertThat(p).contains("small-order"));
    assertThat(PubKeys.isValid(text(hex))).isFalse();
  }

  @ParameterizedTest
  @FieldSource("SMALL_ORDER_NON_CANONICAL")
  void everyNonCanonicalEncodingOfASmallOrderPointIsRefused(String hex) {
    assertThat(PubKeys.problem(text(hex))).hasValueSatisfying(p -> assertThat(p).contains("canonical"));
  }

  @Test
  void everyEncodingWithYAtLeastPIsRefusedEvenIfItNamesAGoodPoint() {
    int goodPointsAmongThem = 0;
    for (int r = 0; r < 19; r++) {
      BigInteger y = P.add(BigInteger.valueOf(r));
      for (boolean sign : new boolean[] {false, true}) {
        byte[] raw = littleEndian(y, sign);
        assertThat(PubKeys.problem(B64.encodeToString(raw)))
            .as("y = p + %d, sign %s", r, sign)
            .hasValueSatisfying(p -> assertThat(p).contains("2^255 - 19"));
        // the same point canonically (y = r) is valid for some r: those are the "second names"
        if (PubKeys.isValid(B64.encodeToString(littleEndian(BigInteger.valueOf(r), sign)))) {
          goodPointsAmongThem++;
        }
      }
    }
    assertThat(goodPointsAmongThem).isPositive();
  }

  @Test
  void aKeyHasOneTextNotFour() {
    Identity a = Identity.fromSeed(IdentityTest.SECRET_1);
    String canonical = a.pubKey();
    char last = canonical.charAt(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    Set<String> names = new HashSet<>();
    int v = alphabet.indexOf(last);
    for (int spare = 0; spare < 4; spare++) {
      String name = canonical.substring(0, 42) + alphabet.charAt((v & ~3) | spare);
      // The JDK's decoder reads all four as the same 32 bytes...
      assertThat(Base64.getUrlDecoder().decode(name)).isEqualTo(Base64.getUrlDecoder().decode(canonical));
      names.add(name);
    }
    assertThat(names).hasSize(4);
    // ...but only one is a participant's name.
    assertThat(names.stream().filter(PubKeys::isValid)).containsExactly(canonical);
    String other = names.stream().filter(n -> !n.equals(canonical)).findFirst().orElseThrow();
    assertThat(PubKeys.problem(other)).hasValueSatisfying(p -> assertThat(p).contains("spare bits"));
    byte[] data = "x".getBytes(StandardCharsets.UTF_8);
    assertThat(Identity.verify(other, data, a.sign(data))).isFalse();
    assertThatThrownBy(() -> Identity.publicKey(other)).hasMessageContaining("pubKey = " + other);
  }

  @Test
  void bytesThatAreNotAPointAreRefused() {
    List<String> problems = new java.util.ArrayList<>();
    for (int y = 2; y < 40; y++) {
      PubKeys.problem(B64.encodeToString(littleEndian(BigInteger.valueOf(y), false))).ifPresent(problems::add);
    }
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("not a point on the curve"));
  }

  @Test
  void textsOfTheWrongLengthOrAlphabetAreRefusedWithTheRule() {
    assertThat(PubKeys.problem(null)).hasValue("must be a participant key, not null");
    assertThat(PubKeys.problem("bob")).hasValueSatisfying(p -> assertThat(p).contains("43 base64url characters").contains("not 3"));
    String valid = Identity.generate().pubKey();
    assertThat(PubKeys.problem(valid.substring(0, 42) + "=")).hasValueSatisfying(p -> assertThat(p).contains("'=' at position 42"));
    assertThat(PubKeys.problem(valid.substring(0, 10) + "+" + valid.substring(11))).hasValueSatisfying(p -> assertThat(p).contains("'+'"));
    assertThat(PubKeys.problem(valid)).isEmpty();
    assertThat(PubKeys.requireValid("recognitionWeights key", valid)).isEqualTo(valid);
    assertThatThrownBy(() -> PubKeys.requireValid("recognitionWeights key", "bob"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("recognitionWeights key = bob: must be 43");
  }

  @Test
  void anIdentityWithASmallOrderPublicKeyCannotBeMade() throws Exception {
    PublicKey small = jdkKey(HexFormat.of().parseHex(SMALL_ORDER_CANONICAL.get(4)));
    KeyPair pair = new KeyPair(small, Identity.generate().privateKey());
    assertThatThrownBy(() -> Identity.fromKeyPair(pair))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("small-order");
  }

  static byte[] littleEndian(BigInteger y, boolean sign) {
    byte[] be = y.toByteArray();
    byte[] raw = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      raw[i] = be[be.length - 1 - i];
    }
    if (sign) {
      raw[31] |= (byte) 0x80;
    }
    return raw;
  }

  static PublicKey jdkKey(byte[] raw) throws Exception {
    byte[] der = Arrays.copyOf(new byte[] {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00}, 44);
    System.arraycopy(raw, 0, der, 12, 32);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
  }

  static boolean jdkVerify(byte[] rawKey, byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(jdkKey(rawKey));
      s.update(data);
      return s.verify(sig);
    } catch (Exception e) {
      return false;
    }
  }
}
