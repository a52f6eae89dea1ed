package org.allocationcommons.sync.inbound;

import java.util.Objects;
import java.util.Optional;
import org.allocationcommons.sync.envelope.Rejection;

/**
 * An {@link InboundGuard}'s decision about one delivery. If {@link #admitted()}, open the envelope
 * and then {@link #settle} the admission with the outcome (or {@link #forget} it); otherwise drop
 * the delivery and count {@link #dropped()}.
 */
public final class Admission {

  private final InboundGuard guard;
  private final InboundGuard.Key key;
  private final Optional<Rejection> dropped;
  private final Optional<Outcome> previous;

  Admission(InboundGuard guard, InboundGuard.Key key, Optional<Rejection> dropped, Optional<Outcome> previous) {
    this.guard = guard;
    this.key = key;
    this.dropped = dropped;
    this.previous = previous;
  }

  /**
   * Whether the delivery may be opened.
   *
   * @return true when the delivery may be opened
   */
  public boolean admitted() {
    return dropped.isEmpty();
  }

  /**
   * Why it was dropped: {@link Rejection#DUPLICATE} or {@link Rejection#RATE_LIMITED}; empty if admitted.
   *
   * @return the reason for the drop, or empty if admitted
   */
  public Optional<Rejection> dropped() {
    return dropped;
  }

  /**
   * For a {@link Rejection#DUPLICATE}: what became of the first copy (possibly still pending).
   *
   * @return the first copy's outcome, for a duplicate; empty otherwise
   */
  public Optional<Outcome> previous() {
    return previous;
  }

  /**
   * The hex SHA-256 of the delivered bytes (for logs).
   *
   * @return the lowercase hex SHA-256 of the delivered bytes
   */
  public String digest() {
    return key.digest().hex();
  }

  /**
   * Remembers what became of the admitted delivery, so repeats are dropped with it.
   *
   * @param outcome what became of the admitted delivery
   * @throws IllegalStateException if the delivery was not admitted
   */
  public void settle(Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    requireAdmitted();
    guard.settle(key, outcome);
  }

  /**
   * {@code settle(Outcome.rejected(reason))}.
   *
   * @param reason why the admitted delivery was rejected
   */
  public void rejected(Rejection reason) {
    settle(Outcome.rejected(reason));
  }

  /**
   * Forgets the admitted delivery, so the next copy is admitted (and charged) again: for outcomes
   * that may change with time.
   *
   * @throws IllegalStateException if the delivery was not admitted
   */
  public void forget() {
    requireAdmitted();
    guard.forget(key);
  }

  private void requireAdmitted() {
    if (!admitted()) {
      throw new IllegalStateException("delivery at " + key.path() + " was dropped (" + dropped.get() + "), not admitted");
    }
  }

  @Override
  public String toString() {
    return "Admission[" + key.path() + " " + dropped.map(Rejection::name).orElse("ADMITTED")
        + previous.map(p -> " previous " + p).orElse("") + "]";
  }
}
