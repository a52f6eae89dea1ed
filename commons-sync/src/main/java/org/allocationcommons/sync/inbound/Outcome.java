package org.allocationcommons.sync.inbound;

import java.util.Objects;
import java.util.Optional;
import org.allocationcommons.sync.envelope.Rejection;

/**
 * What became of a delivery, as the node tells its {@link InboundGuard} and the guard tells about a
 * repeat of it.
 *
 * @param kind pending (admitted, not yet settled), accepted, stale or rejected
 * @param reason the rejection reason, present exactly when {@code kind} is {@link Kind#REJECTED}
 */
public record Outcome(Kind kind, Optional<Rejection> reason) {

  /** The kinds of outcome. */
  public enum Kind {
    /** Admitted and not yet settled by the node. */
    PENDING,
    /** Opened and taken into a store. */
    ACCEPTED,
    /** Opened, but not newer than what the node holds. */
    STALE,
    /** Refused by {@code Envelopes.open} or the node, with its reason. */
    REJECTED
  }

  /** Admitted, not yet settled. */
  public static final Outcome PENDING = new Outcome(Kind.PENDING, Optional.empty());
  /** Accepted. */
  public static final Outcome ACCEPTED = new Outcome(Kind.ACCEPTED, Optional.empty());
  /** Stale. */
  public static final Outcome STALE = new Outcome(Kind.STALE, Optional.empty());

  /**
   * Requires a reason exactly for rejections.
   *
   * @param kind what was done with the document
   * @param reason why it was rejected; present exactly for rejections
   */
  public Outcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    if ((kind == Kind.REJECTED) != reason.isPresent()) {
      throw new IllegalArgumentException(
          "outcome " + kind + " with reason " + reason + ": a reason is required for, and only for, REJECTED");
    }
  }

  /**
   * Rejected for {@code reason}.
   *
   * @param reason why the document was rejected
   * @return the outcome
   */
  public static Outcome rejected(Rejection reason) {
    return new Outcome(Kind.REJECTED, Optional.of(reason));
  }
}
