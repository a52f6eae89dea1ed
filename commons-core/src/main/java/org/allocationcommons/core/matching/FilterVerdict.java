package org.allocationcommons.core.matching;

/** The outcome of one filter rule. */
public enum FilterVerdict {
  /** The subject passes. */
  PASS,
  /** The subject is rejected. */
  REJECT,
  /** Unknown or {@code custom} rule: passed optimistically, to be reported. */
  PASS_UNREVIEWED;

  /**
   * Whether the subject may take part.
   *
   * @return true when the subject may take part
   */
  public boolean passes() {
    return this != REJECT;
  }
}
