package org.allocationcommons.sync.envelope;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A participant's Ed25519 key pair (JDK provider, no extra library). Its {@link #pubKey()} is the
 * raw 32-byte public key in unpadded base64url (43 characters): the participant's name in paths and
 * documents. Immutable and thread-safe.
 */
public final class Identity {

  /** Length of an Ed25519 seed (private key) and of a raw public key. */
  public static final int KEY_BYTES = 32;

  /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410). */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final KeyPair keyPair;
  private final String pubKey;

  private Identity(KeyPair keyPair) {
    this.keyPair = keyPair;
    this.pubKey = B64.encodeToString(rawPublicKey(keyPair.getPublic()));
  }

  /** A fresh identity from the JDK's strong random source. */
  public static Identity generate() {
    return fromKeyPair(generator(new SecureRandom()).generateKeyPair());
  }

  /**
   * The identity whose Ed25519 private key (RFC 8032 seed) is {@code seed}: the same seed always
   * gives the same key, which makes simulations reproducible. Never use predictable seeds for real
   * participants.
   *
   * @throws IllegalArgumentException unless the seed has exactly 32 bytes
   */
  public static Identity fromSeed(byte[] seed) {
    Objects.requireNonNull(seed, "seed");
    if (seed.length != KEY_BYTES) {
      throw new IllegalArgumentException("seed has " + seed.length + " bytes: must be exactly " + KEY_BYTES);
    }
    // The JDK's Ed25519 generator draws the 32-byte private key with one nextBytes call and derives
    // the public key from it; a random source that returns the seed makes that derivation ours.
    return fromKeyPair(generator(new FixedRandom(seed)).generateKeyPair());
  }

  /** An identity from an existing Ed25519 key pair. */
  public static Identity fromKeyPair(KeyPair keyPair) {
    Objects.requireNonNull(keyPair, "keyPair");
    if (!"EdDSA".equals(keyPair.getPublic().getAlgorithm())
        && !"Ed25519".equals(keyPair.getPublic().getAlgorithm())) {
      throw new IllegalArgumentException(
          "key algorithm = " + keyPair.getPublic().getAlgorithm() + ": must be Ed25519");
    }
    return new Identity(keyPair);
  }

  /** The public key as unpadded base64url of its raw 32 bytes. */
  public String pubKey() {
    return pubKey;
  }

  /** The JDK key pair. */
  public KeyPair keyPair() {
    return keyPair;
  }

  /** The Ed25519 signature (64 bytes) of {@code data}. */
  public byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(keyPair.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /**
   * Whether {@code signature} is {@code pubKey}'s signature of {@code data}. A malformed key or
   * signature is simply not valid.
   */
  public static boolean verify(String pubKey, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(publicKey(pubKey));
      s.update(data);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The JDK public key named by {@code pubKey}.
   *
   * @throws IllegalArgumentException if it is not 32 bytes of unpadded base64url
   */
  public static PublicKey publicKey(String pubKey) {
    byte[] raw;
    try {
      raw = B64D.decode(pubKey);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pubKey '" + pubKey + "' is not base64url", e);
    }
    if (raw.length != KEY_BYTES || pubKey.contains("=")) {
      throw new IllegalArgumentException(
          "pubKey '" + pubKey + "' must be " + KEY_BYTES + " bytes in unpadded base64url");
    }
    byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_BYTES);
    System.arraycopy(raw, 0, der, X509_PREFIX.length, KEY_BYTES);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("pubKey '" + pubKey + "' is not an Ed25519 key", e);
    }
  }

  /** Whether {@code pubKey} has the form of a public key (43 base64url characters). */
  public static boolean isPubKey(String pubKey) {
    return pubKey != null && pubKey.matches("[A-Za-z0-9_-]{43}");
  }

  /** The private key; for storing the identity. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  private static byte[] rawPublicKey(PublicKey key) {
    byte[] der = key.getEncoded();
    if (der.length != X509_PREFIX.length + KEY_BYTES) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + der.length + " encoded bytes");
    }
    return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
  }

  private static KeyPairGenerator generator(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, random);
      return g;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides no Ed25519", e);
    }
  }

  @Override
  public String toString() {
    return "Identity[" + pubKey + "]";
  }

  /** A "random" source that returns a fixed seed: makes key generation deterministic. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException("expected a request for " + seed.length + " bytes, got " + bytes.length);
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
