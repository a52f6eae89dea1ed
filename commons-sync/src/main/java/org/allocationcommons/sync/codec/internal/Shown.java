package org.allocationcommons.sync.codec.internal;

/** How a violation shows the offending value: as text, cut to {@value #MAX_VALUE_CHARS} characters. */
public final class Shown {

  /** Longest value shown; longer ones end in "...". */
  public static final int MAX_VALUE_CHARS = 120;

  private Shown() {}

  /**
   * The value as a violation shows it.
   *
   * @param value the offending value, possibly null (shown as {@code null})
   * @return its text, abbreviated
   */
  public static String of(Object value) {
    String s = String.valueOf(value);
    return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS - 3) + "..." : s;
  }

  /**
   * A list shown by its size: a rule over a whole list (e.g. its quantities' sum) names no record.
   *
   * @param size the list's size
   * @return {@code (size entries)}
   */
  public static String entries(int size) {
    return "(" + size + " entries)";
  }
}
