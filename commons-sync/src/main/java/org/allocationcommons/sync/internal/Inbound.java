package org.allocationcommons.sync.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.allocationcommons.sync.NodeListener;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.DocumentType;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Opened;
import org.allocationcommons.sync.envelope.RejectedEnvelopeException;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.envelope.RejectionCounter;
import org.allocationcommons.sync.inbound.Admission;
import org.allocationcommons.sync.inbound.InboundGuard;
import org.allocationcommons.sync.inbound.Outcome;

/**
 * A node's inbound path (SPEC 7, "Work" and "Time"): on the transport's thread, drop repeats and
 * deliveries beyond the owner's budget before any signature check ({@link InboundGuard}); on the
 * scheduler, recognise our own echo, open (verify, parse, validate) and refuse a document dated
 * beyond the allowed clock skew. Every refusal is counted, logged and told to the listener.
 */
public final class Inbound {

  private final Envelopes envelopes;
  private final InboundGuard guard;
  private final RejectionCounter rejections;
  private final NodeListener listener;
  private final LongSupplier now;
  private final long maxSkewMillis;

  public Inbound(
      Envelopes envelopes, InboundGuard guard, RejectionCounter rejections, NodeListener listener,
      LongSupplier now, long maxSkewMillis) {
    this.envelopes = envelopes;
    this.guard = guard;
    this.rejections = rejections;
    this.listener = listener;
    this.now = now;
    this.maxSkewMillis = maxSkewMillis;
  }

  /** Transport thread: the admission to queue, or empty when the delivery is dropped unread. */
  public Optional<Admission> admit(String path, byte[] envelope) {
    Admission a = guard.admit(path, envelope);
    if (!a.admitted()) {
      rejections.recordDrop(a.dropped().get(), path);
      return Optional.empty();
    }
    return Optional.of(a);
  }

  /**
   * Scheduler: the opened document, or empty when it is our own echo or refused. The caller then
   * calls {@link #settle}.
   */
  public Optional<Opened> open(Admission a, String path, byte[] envelope, Publisher publisher) {
    if (publisher.isEcho(path, envelope)) {
      a.settle(Outcome.STALE); // our own latest document coming back: no signature to check
      return Optional.empty();
    }
    Opened o;
    try {
      o = envelopes.open(path, envelope);
    } catch (RejectedEnvelopeException e) {
      rejections.record(e);
      a.rejected(e.reason());
      listener.documentRejected(path, e.reason(), e.violations().toString());
      return Optional.empty();
    }
    long t = DocumentType.timestampOf(o.document());
    long limit = now.getAsLong() + maxSkewMillis;
    if (t > limit) {
      RejectedEnvelopeException e =
          new RejectedEnvelopeException(
              Rejection.FUTURE_TIMESTAMP,
              path,
              List.of(Violation.of("timestamp", t, "must not be more than " + maxSkewMillis + " ms ahead of the receiver's clock (" + (t - limit + maxSkewMillis) + " ms ahead)")));
      rejections.record(e);
      a.forget(); // the same document becomes acceptable once our clock catches up
      listener.documentRejected(path, Rejection.FUTURE_TIMESTAMP, e.violations().toString());
      return Optional.empty();
    }
    return Optional.of(o);
  }

  /** Remembers whether the opened document was accepted, so repeats are dropped with it. */
  public void settle(Admission a, boolean accepted) {
    a.settle(accepted ? Outcome.ACCEPTED : Outcome.STALE);
  }

  /** Forgets what was seen at {@code path} (no longer followed). */
  public void forget(String path) {
    guard.forget(path);
  }
}
