package org.allocationcommons.sync.envelope;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Whether a string names a participant: the one check every boundary applies to every key it
 * accepts (envelope authors, recognition weight keys, invitation newcomers, followed providers).
 *
 * <p>A valid participant key is exactly 43 unpadded base64url characters encoding 32 bytes, in
 * their only canonical text (the two spare bits of the last character are zero, so one key has one
 * name), and those bytes are the canonical RFC 8032 encoding ({@code y < p}, no "negative zero") of
 * a point on Ed25519 that is not of small order. Small-order keys (the 8 points of order 1, 2, 4 and
 * 8, whatever their encoding) are refused because signatures made "by" them verify for any message:
 * with the identity point as key, the identity point and {@code S = 0} sign every document.
 * Thread-safe. The point check costs a modular square root, and every recognition map repeats
 * the same keys, so recently found valid keys are remembered (a direct-mapped table of
 * {@value #REMEMBERED} keys; only valid keys enter it, so a hostile key can at most evict one).
 */
public final class PubKeys {

  /** Length of a key's text: 32 bytes in unpadded base64url. */
  public static final int TEXT_LENGTH = 43;

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D =
      BigInteger.valueOf(-121665).mod(P).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
  private static final BigInteger SQRT_EXP = P.subtract(BigInteger.valueOf(5)).shiftRight(3);

  /** How many recently validated keys are remembered. */
  static final int REMEMBERED = 1 << 13;

  // Benign races: a slot holds null or a key found valid; String is immutable and a reference
  // write is atomic, so a reader sees either and falls back to the full check on a miss.
  private static final String[] VALID = new String[REMEMBERED];

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private PubKeys() {}

  /**
   * Whether {@code pubKey} is a valid participant key (see the class description).
   *
   * @param pubKey the text to check
   * @return true when it is a valid participant key
   */
  public static boolean isValid(String pubKey) {
    return problem(pubKey).isEmpty();
  }

  /**
   * The rule {@code pubKey} breaks, in words fit for a violation message ("must be ..."), or empty
   * when it is a valid participant key.
   *
   * @param pubKey the text to check
   * @return the broken rule, or empty when valid
   */
  public static Optional<String> problem(String pubKey) {
    if (pubKey == null) {
      return Optional.of("must be a participant key, not null");
    }
    if (pubKey.length() != TEXT_LENGTH) {
      return Optional.of(
          "must be " + TEXT_LENGTH + " base64url characters (an Ed25519 public key), not "
              + pubKey.length());
    }
    int slot = pubKey.hashCode() & (REMEMBERED - 1);
    if (pubKey.equals(VALID[slot])) {
      return Optional.empty();
    }
    byte[] raw = new byte[Identity.KEY_BYTES];
    Optional<String> text = decodeCanonical(pubKey, raw);
    if (text.isPresent()) {
      return text;
    }
    Optional<String> point = pointProblem(raw);
    if (point.isEmpty()) {
      VALID[slot] = pubKey;
    }
    return point;
  }

  /**
   * Returns {@code pubKey} if it is a valid participant key.
   *
   * @param field the field name, for the message
   * @param pubKey the text to check
   * @return {@code pubKey}
   * @throws IllegalArgumentException {@code "<field> = <pubKey>: <rule>"} otherwise
   */
  public static String requireValid(String field, String pubKey) {
    Optional<String> p = problem(pubKey);
    if (p.isPresent()) {
      throw new IllegalArgumentException(field + " = " + pubKey + ": " + p.get());
    }
    return pubKey;
  }

  /**
   * Decodes 43 base64url characters into the 32 bytes of {@code into}; the problem with the text
   * (a character outside the alphabet, or non-zero spare bits), or empty when it is canonical. The
   * length must already have been checked.
   */
  static Optional<String> decodeCanonical(String text, byte[] into) {
    int acc = 0;
    int bits = 0;
    int out = 0;
    for (int i = 0; i < TEXT_LENGTH; i++) {
      int v = ALPHABET.indexOf(text.charAt(i));
      if (v < 0) {
        return Optional.of(
            "must use only base64url characters (A-Z a-z 0-9 - _); '" + text.charAt(i)
                + "' at position " + i + " is not one");
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        into[out++] = (byte) (acc >> bits);
        acc &= (1 << bits) - 1;
      }
    }
    if (acc != 0) {
      return Optional.of(
          "must be the canonical base64url text of its 32 bytes (the last character's 2 spare bits"
              + " must be zero)");
    }
    return Optional.empty();
  }

  /** The problem with 32 raw bytes as an Ed25519 public key, or empty when there is none. */
  static Optional<String> pointProblem(byte[] raw) {
    boolean xOdd = (raw[31] & 0x80) != 0;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = raw[31 - i];
    }
    be[0] &= 0x7f;
    BigInteger y = new BigInteger(1, be);
    if (y.compareTo(P) >= 0) {
      return Optional.of(
          "must be a canonical Ed25519 point encoding (its y coordinate is not below 2^255 - 19)");
    }
    BigInteger yy = y.multiply(y).mod(P);
    BigInteger u = yy.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(yy).add(BigInteger.ONE).mod(P);
    // x = u v^3 (u v^7)^((p-5)/8), then fix up by sqrt(-1) if needed (RFC 8032, 5.1.3)
    BigInteger v3 = v.multiply(v).mod(P).multiply(v).mod(P);
    BigInteger v7 = v3.multiply(v3).mod(P).multiply(v).mod(P);
    BigInteger x = u.multiply(v3).mod(P).multiply(u.multiply(v7).mod(P).modPow(SQRT_EXP, P)).mod(P);
    BigInteger vxx = v.multiply(x).mod(P).multiply(x).mod(P);
    if (!vxx.equals(u)) {
      if (vxx.equals(u.negate().mod(P))) {
        x = x.multiply(SQRT_M1).mod(P);
      } else {
        return Optional.of("must be an Ed25519 public key (these 32 bytes are not a point on the curve)");
      }
    }
    if (x.signum() == 0 && xOdd) {
      return Optional.of("must be a canonical Ed25519 point encoding (x = 0 with its sign bit set)");
    }
    if (x.testBit(0) != xOdd) {
      x = P.subtract(x);
    }
    if (isSmallOrder(x, y)) {
      return Optional.of(
          "must not be a small-order Ed25519 point (signatures by such a key verify for any message)");
    }
    return Optional.empty();
  }

  /** Whether [8](x, y) is the identity, by three doublings in projective coordinates. */
  private static boolean isSmallOrder(BigInteger x, BigInteger y) {
    BigInteger px = x;
    BigInteger py = y;
    BigInteger pz = BigInteger.ONE;
    for (int i = 0; i < 3; i++) {
      // dbl-2008-bbjlp for twisted Edwards a = -1
      BigInteger b = px.add(py).pow(2).mod(P);
      BigInteger c = px.multiply(px).mod(P);
      BigInteger dd = py.multiply(py).mod(P);
      BigInteger e = c.negate().mod(P);
      BigInteger f = e.add(dd).mod(P);
      BigInteger h = pz.multiply(pz).mod(P);
      BigInteger j = f.subtract(h.shiftLeft(1)).mod(P);
      BigInteger nx = b.subtract(c).subtract(dd).mod(P).multiply(j).mod(P);
      BigInteger ny = f.multiply(e.subtract(dd).mod(P)).mod(P);
      BigInteger nz = f.multiply(j).mod(P);
      px = nx;
      py = ny;
      pz = nz;
    }
    return px.signum() == 0 && py.equals(pz);
  }
}
