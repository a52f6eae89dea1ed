package org.allocationcommons.transport.gun.internal;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The message ids of one transport: a random prefix of letters and digits, then a counter in base 36
 * (lower case), so that our own messages are recognised when a relay echoes them. Thread-safe.
 */
public final class Ids {

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final String prefix;
  private final AtomicLong next = new AtomicLong();

  /** Ids with this prefix (letters and digits). */
  public Ids(String prefix) {
    this.prefix = prefix;
  }

  /** Ids with a random six-character prefix. */
  public static Ids random() {
    return new Ids(randomText(6));
  }

  /** The prefix every id of ours starts with. */
  public String prefix() {
    return prefix;
  }

  /** A fresh message id. */
  public String next() {
    return prefix + Long.toString(next.incrementAndGet(), 36);
  }

  /** Whether {@code id} has the shape of one of ours: the prefix, then lower-case base-36 digits. */
  public boolean isOwn(String id) {
    if (id.length() <= prefix.length() || !id.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < id.length(); i++) {
      if (Character.digit(id.charAt(i), 36) < 0 || Character.isUpperCase(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The id of a frame we wrote: every one starts {@code {"#":"<id>"}} (ids are letters and digits); else null. */
  public static String ownIdOf(String frame) {
    String head = "{\"#\":\"";
    if (!frame.startsWith(head)) {
      return null;
    }
    int end = frame.indexOf('"', head.length());
    return end < 0 ? null : frame.substring(head.length(), end);
  }

  /** {@code length} random letters and digits (GUN's peer ids look the same). */
  public static String randomText(int length) {
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
