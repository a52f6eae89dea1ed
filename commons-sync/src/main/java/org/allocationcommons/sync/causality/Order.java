package org.allocationcommons.sync.causality;

import java.util.Objects;
import org.allocationcommons.itc.Stamp;

/** How an incoming document's stamp relates to the last one accepted (SPEC 2, causality rules). */
public enum Order {
  /** {@code incoming.leq(known)}: already seen or older (equal stamps included). Ignore. */
  STALE,
  /** {@code known.leq(incoming)} and not equal: causally newer. Accept. */
  NEWER,
  /** Neither is {@code leq} the other. Resolve by the deterministic tie-break. */
  CONCURRENT;

  /**
   * Classifies {@code incoming} against {@code known}.
   *
   * @param known the stamp already held
   * @param incoming the stamp received
   * @return how {@code incoming} relates to {@code known}
   */
  public static Order of(Stamp known, Stamp incoming) {
    Objects.requireNonNull(known, "known");
    Objects.requireNonNull(incoming, "incoming");
    if (incoming.leq(known)) {
      return STALE;
    }
    if (known.leq(incoming)) {
      return NEWER;
    }
    return CONCURRENT;
  }
}
