package org.allocationcommons.transport.gun.internal;

/**
 * GUN's HAM conflict rule for one key of one node, as the relay applies it (gun {@code src/root.js}):
 * a higher state wins; at equal states the value whose {@code JSON.stringify} text is lexically greater
 * (UTF-16 code-unit order, which is Java's {@link String#compareTo}) wins; an equal value is a
 * duplicate.
 */
public final class Ham {

  /** What to do with an incoming value given the one held. */
  public enum Verdict {
    /** The incoming value wins: hold and deliver it. */
    ACCEPT,
    /** Same state and same value: already held. */
    DUPLICATE,
    /** The held value wins (older state, or equal state and lexically smaller or equal). */
    STALE
  }

  private Ham() {}

  /**
   * Compares an incoming string value against the held one.
   *
   * @param heldJson {@code null} if nothing is held, else the held value as JSON text
   */
  public static Verdict compare(double heldState, String heldJson, double incomingState, String incomingJson) {
    if (heldJson == null) {
      return Verdict.ACCEPT;
    }
    if (incomingState > heldState) {
      return Verdict.ACCEPT;
    }
    if (incomingState < heldState) {
      return Verdict.STALE;
    }
    int c = incomingJson.compareTo(heldJson);
    if (c == 0) {
      return Verdict.DUPLICATE;
    }
    return c > 0 ? Verdict.ACCEPT : Verdict.STALE;
  }

  /**
   * The text {@code JSON.stringify} produces for a string, which is what GUN compares at equal
   * states: quotes, {@code \" \\ \b \f \n \r \t}, other control characters and lone surrogates as
   * lowercase {@code \\u00xx}; everything else verbatim.
   */
  public static String jsonString(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          boolean loneSurrogate =
              (Character.isHighSurrogate(c)
                      && !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))))
                  || (Character.isLowSurrogate(c)
                      && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1))));
          if (c < 0x20 || loneSurrogate) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
