package org.allocationcommons.sync.internal;

import java.util.Map;
import java.util.Optional;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.settling.Settling;
import org.allocationcommons.sync.Received;

/**
 * The recipient side of a node (SPEC 4.4): what its providers' latest states give it, the damping
 * of its need when over-allocated, and the residual-need report its commitment carries, changed
 * only when some entry moved beyond the tolerance. Used on the node's scheduler only.
 */
public final class RecipientSide {

  /**
   * One update's outcome.
   *
   * @param received what the fresh providers give
   * @param commitment the commitment with damping and report brought up to date (empty when there is
   *     no own commitment)
   * @param republish whether peers must see the new commitment: its damping factor changed or its
   *     report moved beyond the tolerance
   * @param totalChanged whether the received total differs from the previous update's
   */
  public record Update(Received received, Optional<Commitment> commitment, boolean republish, boolean totalChanged) {}

  private final String me;
  private double lastTotal = Double.NaN;
  private long reports;

  public RecipientSide(String me) {
    this.me = me;
  }

  /**
   * Updates from the latest states of the fresh providers ({@code statesByProvider}, this node's own
   * excluded by the caller or ignored here) at {@code now}.
   */
  public Update update(Optional<Commitment> mine, Map<String, AllocationState> statesByProvider, long now) {
    Commitment base = mine.orElseGet(() -> Commitment.builder(me).timestamp(Math.max(now, 1)).build());
    Settling.Report report = Settling.report(me, base, statesByProvider);
    Received received = new Received(report.total(), report.receivedByProvider());
    boolean totalChanged = Double.compare(report.total(), lastTotal) != 0;
    if (mine.isEmpty()) {
      lastTotal = report.total();
      return new Update(received, Optional.empty(), false, totalChanged);
    }
    Commitment c = mine.get();
    Commitment next = c;
    boolean republish = false;
    if (totalChanged || !report.needSlotReports().isEmpty()) {
      next = Settling.damp(c, report, Math.max(now, 1));
      lastTotal = report.total();
      republish = next.dampingFactor().doubleValue() != c.dampingFactor().doubleValue();
    }
    if (Settling.moved(Settling.Report.of(c), report, Settling.tolerance(c.statedNeed()))) {
      next = report.applyTo(next);
      republish = true;
      reports++;
    }
    return new Update(received, Optional.of(next), republish, totalChanged);
  }

  /** How many times the report moved and was attached to the commitment. */
  public long reports() {
    return reports;
  }

  /** Forgets the last total, so the next update damps again (after the inputs were replaced). */
  public void reset() {
    lastTotal = Double.NaN;
  }
}
