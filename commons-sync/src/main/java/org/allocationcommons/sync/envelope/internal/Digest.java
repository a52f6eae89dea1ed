package org.allocationcommons.sync.envelope.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest as four longs: a compact, cheap-to-compare map key for "these exact bytes". Used
 * to remember deliveries and verified signatures without keeping the bytes.
 */
public record Digest(long a, long b, long c, long d) {

  /** The SHA-256 of the concatenation of {@code parts}. */
  public static Digest of(byte[]... parts) {
    MessageDigest md = sha256();
    for (byte[] p : parts) {
      md.update(p);
    }
    ByteBuffer h = ByteBuffer.wrap(md.digest());
    return new Digest(h.getLong(), h.getLong(), h.getLong(), h.getLong());
  }

  /** A fresh SHA-256 {@link MessageDigest} (every JDK has one). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK provides no SHA-256", e);
    }
  }

  /** Lower-case hex, 64 characters. */
  public String hex() {
    ByteBuffer b = ByteBuffer.allocate(32).putLong(a).putLong(this.b).putLong(c).putLong(d);
    return HexFormat.of().formatHex(b.array());
  }
}
