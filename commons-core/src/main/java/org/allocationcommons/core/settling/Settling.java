package org.allocationcommons.core.settling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;

/**
 * The residual-need rule (SPEC 4.4, ours): how a recipient served by several providers tells them
 * what the others offer, and how each provider caps its part so that together they give each need
 * slot at most its quantity.
 *
 * <p>Each provider's state says, per recipient and need slot, what it <em>offers</em>: what it would
 * give that slot at its current levels were the recipient not capped there ({@link
 * AllocationState#offeredTo}). The recipient publishes, in its commitment, every provider's offer for
 * every need slot ({@link #report}). A provider {@code P} then caps need slot {@code n} of quantity
 * {@code q} at
 *
 * <pre>  cap(P, n) = offer(P, n) * min(1, q / sum over providers p of offer(p, n))</pre>
 *
 * so the caps of all providers of {@code n} add up to {@code min(q, sum of offers)}: nobody is
 * over-allocated, and a need slot that providers together cannot fill gets everything offered. A
 * provider missing from the report (new, or offering nothing before) is not capped until the next
 * report. Absent report: no cap, exactly SPEC 4.3.
 *
 * <p>Why it settles: with the faithful policy a provider's offers do not depend on the caps it
 * applies to a recipient's own need slots, so one report after the last input change fixes every
 * cap. Where capped capacity is given to others (water-filling, and tier 2 of the faithful policy)
 * a change {@code d} of one offer moves the caps of the recipient's other providers by at most
 * {@code d * q / S} in total, and the capacity they free moves other offers by at most as much, so
 * a perturbation shrinks by the factor {@code q / S < 1} at each hop of an over-supplied recipient
 * and dies out; the tolerance of {@link #tolerance} stops the last rounding-sized echoes.
 * docs/algorithm.md has the argument and the measurements.
 *
 * <p>A lying recipient gains nothing it could not gain by stating a larger need: inflated offers of
 * other providers only lower its own caps, and with no report at all it is capped at its stated
 * need, as in the original.
 */
public final class Settling {

  /** Smallest tolerance, in units of quantity. */
  public static final double MIN_TOLERANCE = 0.001;

  /** Tolerance relative to the stated need (0.1%). */
  public static final double RELATIVE_TOLERANCE = 0.001;

  private Settling() {}

  /**
   * The residual-need report: what each provider gives in total, and per need slot what each offers.
   *
   * @param receivedByProvider provider pubKey to the total its state gives (positive entries only)
   * @param offersByNeedSlot need slot id to provider pubKey to its offer (positive entries only)
   */
  public record Report(
      Map<String, Double> receivedByProvider, Map<String, Map<String, Double>> offersByNeedSlot) {

    /** No report. */
    public static final Report NONE = new Report(Map.of(), Map.of());

    /** Copies both maps (sorted, immutable). */
    public Report {
      receivedByProvider = Collections.unmodifiableMap(new TreeMap<>(receivedByProvider));
      Map<String, Map<String, Double>> o = new TreeMap<>();
      offersByNeedSlot.forEach((k, v) -> o.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
      offersByNeedSlot = Collections.unmodifiableMap(o);
    }

    /** The report a commitment carries. */
    public static Report of(Commitment c) {
      return new Report(c.receivedByProvider(), c.offersByNeedSlot());
    }

    /** The total received from every provider. */
    public double total() {
      double t = 0;
      for (double v : receivedByProvider.values()) {
        t += v;
      }
      return t;
    }

    /** The commitment with this report. */
    public Commitment applyTo(Commitment c) {
      return c.withReport(receivedByProvider, offersByNeedSlot);
    }
  }

  /**
   * The tolerance for a participant stating {@code statedNeed}: {@code max(0.001, 0.1% of
   * statedNeed)}. Differences within it count as equal (damping, report republication).
   */
  public static double tolerance(double statedNeed) {
    return Math.max(MIN_TOLERANCE, RELATIVE_TOLERANCE * statedNeed);
  }

  /**
   * The report of recipient {@code me} from the latest states of its providers (the caller passes
   * only fresh providers; {@code me}'s own state, if present, is ignored). Offers for need slots
   * {@code mine} no longer has are dropped.
   */
  public static Report report(String me, Commitment mine, Map<String, AllocationState> statesByProvider) {
    Objects.requireNonNull(me, "me");
    Map<String, Double> received = new TreeMap<>();
    Map<String, Map<String, Double>> offers = new TreeMap<>();
    Map<String, Boolean> known = new LinkedHashMap<>();
    for (NeedSlot n : mine.needSlots()) {
      known.put(n.id(), Boolean.TRUE);
    }
    for (Map.Entry<String, AllocationState> e : new TreeMap<>(statesByProvider).entrySet()) {
      String provider = e.getKey();
      if (provider.equals(me)) {
        continue;
      }
      AllocationState s = e.getValue();
      double t = s.totalFor(me);
      if (t > 0) {
        received.put(provider, t);
      }
      s.offeredTo(me)
          .forEach(
              (need, offer) -> {
                if (offer > 0 && known.containsKey(need)) {
                  offers.computeIfAbsent(need, k -> new TreeMap<>()).put(provider, offer);
                }
              });
    }
    return new Report(received, offers);
  }

  /**
   * Whether {@code next} differs from {@code published} by more than {@code tolerance} in some
   * entry (an entry missing on one side counts as 0): only then is a new report worth publishing.
   */
  public static boolean moved(Report published, Report next, double tolerance) {
    if (differs(published.receivedByProvider(), next.receivedByProvider(), tolerance)) {
      return true;
    }
    Map<String, Map<String, Double>> a = published.offersByNeedSlot();
    Map<String, Map<String, Double>> b = next.offersByNeedSlot();
    for (String need : union(a, b).keySet()) {
      if (differs(a.getOrDefault(need, Map.of()), b.getOrDefault(need, Map.of()), tolerance)) {
        return true;
      }
    }
    return false;
  }

  private static boolean differs(Map<String, Double> a, Map<String, Double> b, double tolerance) {
    for (String k : union(a, b).keySet()) {
      if (Math.abs(a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0)) > tolerance) {
        return true;
      }
    }
    return false;
  }

  private static <V> Map<String, Boolean> union(Map<String, V> a, Map<String, V> b) {
    Map<String, Boolean> keys = new TreeMap<>();
    a.keySet().forEach(k -> keys.put(k, Boolean.TRUE));
    b.keySet().forEach(k -> keys.put(k, Boolean.TRUE));
    return keys;
  }

  /**
   * The most {@code provider} gives {@code recipient}'s need slot {@code need} in total over its
   * capacity slots: {@code offer * min(1, quantity / sum of offers)} from the recipient's report, or
   * {@link Double#POSITIVE_INFINITY} (no cap beyond the slot's quantity) when the report says
   * nothing of this provider for this need slot.
   */
  public static double cap(Commitment recipient, String provider, NeedSlot need) {
    Map<String, Double> offers = recipient.offersByNeedSlot().get(need.id());
    if (offers == null) {
      return Double.POSITIVE_INFINITY;
    }
    Double mine = offers.get(provider);
    if (mine == null) {
      return Double.POSITIVE_INFINITY;
    }
    double sum = 0;
    for (double o : offers.values()) {
      sum += o;
    }
    double q = need.quantity();
    if (!(sum > q)) {
      return mine;
    }
    return mine * (q / sum);
  }
}
