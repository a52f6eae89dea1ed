package org.allocationcommons.core.damping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.DampingEntry;

/**
 * Recipient-side adaptive damping (SPEC 4.4). A recipient that is over-allocated in an oscillating
 * pattern halves its active need, so providers' denominators settle. Time is an argument.
 */
public final class Damping {

  /** History entries younger than this are kept (if there are at least {@link #MIN_ENTRIES}). */
  public static final long WINDOW_MILLIS = 30_000;

  /** At least this many entries are kept; the factor looks at the last this many. */
  public static final int MIN_ENTRIES = 3;

  /** Factor while over-allocation oscillates ({@code a<b>c} or {@code a>b<c}). */
  public static final double OSCILLATING = 0.5;

  /** Factor while over-allocation falls or stays ({@code a>=b>=c}), or with too little history. */
  public static final double SMOOTH = 1.0;

  /** Factor otherwise (rising). */
  public static final double MODERATE = 0.8;

  private Damping() {}

  /**
   * The result of one damping step.
   *
   * @param history the trimmed history including the new entry, oldest first
   * @param factor the new damping factor
   */
  public record Update(List<DampingEntry> history, double factor) {
    /**
     * Copies the history.
     *
     * @param history the trimmed history
     * @param factor the factor computed from it
     */
    public Update {
      history = List.copyOf(history);
    }
  }

  /**
   * {@code max(0, totalReceived - statedNeed)}.
   *
   * @param totalReceived what the recipient received in total
   * @param statedNeed what it stated it needs
   * @return the over-allocation, at least 0
   */
  public static double overAllocation(double totalReceived, double statedNeed) {
    requireFinite("totalReceived", totalReceived);
    requireFinite("statedNeed", statedNeed);
    return Math.max(0, totalReceived - statedNeed);
  }

  /**
   * Appends an entry and trims: keeps the entries of the last 30 s ({@code timestamp > now - 30000})
   * if there are at least 3 of them, else the last 3 entries.
   *
   * @param history the entries so far, oldest first
   * @param entry the entry to append
   * @param now the current time, epoch milliseconds
   * @return the trimmed history
   */
  public static List<DampingEntry> record(List<DampingEntry> history, DampingEntry entry, long now) {
    Objects.requireNonNull(entry, "entry");
    List<DampingEntry> all = new ArrayList<>(history.size() + 1);
    all.addAll(history);
    all.add(entry);
    return trim(all, now);
  }

  /**
   * The trimming rule of {@link #record} alone.
   *
   * @param history the entries, oldest first
   * @param now the current time, epoch milliseconds
   * @return the trimmed history
   */
  public static List<DampingEntry> trim(List<DampingEntry> history, long now) {
    List<DampingEntry> recent = new ArrayList<>();
    for (DampingEntry e : history) {
      if (e.timestamp() > now - WINDOW_MILLIS) {
        recent.add(e);
      }
    }
    if (recent.size() >= MIN_ENTRIES) {
      return Collections.unmodifiableList(recent);
    }
    int from = Math.max(0, history.size() - MIN_ENTRIES);
    return List.copyOf(history.subList(from, history.size()));
  }

  /**
   * The factor from the last three over-allocations {@code (a, b, c)}, oldest first, compared
   * exactly (the original's rule): oscillating ({@code a<b>c} or {@code a>b<c}) 0.5; smooth ({@code
   * a>=b>=c}) 1.0; otherwise 0.8; fewer than three entries 1.0.
   *
   * @param history the entries, oldest first
   * @return the damping factor: 0.5, 0.8 or 1.0
   */
  public static double factor(List<DampingEntry> history) {
    return factor(history, 0);
  }

  /**
   * {@link #factor(List)} where differences of at most {@code tolerance} count as equal, so that
   * rounding noise is not taken for an oscillation (SPEC 4.4).
   *
   * @param history the entries, oldest first
   * @param tolerance largest difference still counted as equal, at least 0
   * @return the damping factor: 0.5, 0.8 or 1.0
   * @throws IllegalArgumentException if {@code tolerance} is negative or not finite
   */
  public static double factor(List<DampingEntry> history, double tolerance) {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance = " + tolerance + ": must be a finite number >= 0");
    }
    int n = history.size();
    if (n < MIN_ENTRIES) {
      return SMOOTH;
    }
    int ab = compare(history.get(n - 3).overAllocation(), history.get(n - 2).overAllocation(), tolerance);
    int bc = compare(history.get(n - 2).overAllocation(), history.get(n - 1).overAllocation(), tolerance);
    if ((ab < 0 && bc > 0) || (ab > 0 && bc < 0)) {
      return OSCILLATING;
    }
    if (ab >= 0 && bc >= 0) {
      return SMOOTH;
    }
    return MODERATE;
  }

  /** -1 if {@code x} is below {@code y} by more than the tolerance, 1 if above, else 0. */
  private static int compare(double x, double y, double tolerance) {
    if (x < y - tolerance) {
      return -1;
    }
    return x > y + tolerance ? 1 : 0;
  }

  /**
   * The tolerance of a recipient stating {@code statedNeed}: {@code max(0.001, 0.1% of
   * statedNeed)} (SPEC 4.4).
   *
   * @param statedNeed the recipient's stated need
   * @return the tolerance
   */
  public static double tolerance(double statedNeed) {
    return Math.max(0.001, 0.001 * statedNeed);
  }

  /**
   * One step: record {@code max(0, totalReceived - statedNeed)} at {@code now}, recompute the factor
   * with the {@link #tolerance} of {@code statedNeed}.
   *
   * @param history the entries so far, oldest first
   * @param totalReceived what the recipient received in total
   * @param statedNeed what it stated it needs
   * @param now the current time, epoch milliseconds
   * @return the new history and factor
   */
  public static Update update(
      List<DampingEntry> history, double totalReceived, double statedNeed, long now) {
    List<DampingEntry> h =
        record(history, DampingEntry.of(overAllocation(totalReceived, statedNeed), now), now);
    return new Update(h, factor(h, tolerance(statedNeed)));
  }

  /**
   * One step applied to a recipient's commitment: its stated need is the sum of its need slots, and
   * the returned commitment carries the new history and factor (stamp and timestamp unchanged).
   *
   * @param recipient the recipient's commitment
   * @param totalReceived what it received in total
   * @param now the current time, epoch milliseconds
   * @return the commitment with the new damping state
   */
  public static Commitment apply(Commitment recipient, double totalReceived, long now) {
    Update u = update(recipient.dampingHistory(), totalReceived, recipient.statedNeed(), now);
    return recipient.withDamping(u.factor(), u.history());
  }

  private static void requireFinite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " = " + v + ": must be a finite number");
    }
  }
}
