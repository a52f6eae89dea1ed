package org.allocationcommons.core.settling;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.allocationcommons.core.damping.Damping;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;

/**
 * The residual-need rule (SPEC 4.4, ours): how a recipient served by several providers tells them
 * what each offers and gives, and how each provider caps its part so that together they give each
 * need slot at most its quantity.
 *
 * <p>A provider's <em>offer</em> to a need slot is what SPEC 4.3 alone gives it, ignoring every
 * report: a function of the commitments' needs, damping and recognition, never of the caps. Its
 * state lists the offers that differ from what it gives ({@link AllocationState#offeredTo}). The
 * recipient publishes, per need slot, every provider's offer {@code o} and what it gives {@code x}
 * ({@link #report}). For need slot {@code n} of quantity {@code q}, with {@code S} the sum of the
 * offers, a provider {@code P} listed there caps its total to {@code n} at
 *
 * <ul>
 *   <li>{@code o(P) * q / S} when {@code S >= q} (over-supplied: each gives its share of {@code q} in
 *       proportion to its offer);
 *   <li>{@code o(P) + (q - S) * spill(P) / sum of spills} when {@code S < q} and some provider gives
 *       beyond its offer ({@code spill = max(0, x - o)}: capacity that caps on others freed), else
 *       {@code o(P) * q / S}: the deficit is shared by those who can fill it;
 * </ul>
 *
 * and a provider not listed for {@code n} gives it nothing. The caps of a need slot add up to
 * exactly {@code q}, so nobody is over-allocated. A need slot nobody offers or gives anything, and
 * every need slot of a recipient without a report (an original-program peer), is not capped: SPEC
 * 4.3 exactly.
 *
 * <p>Why it settles: offers do not depend on caps, so an over-supplied need slot's caps are fixed by
 * one report of the offers, and move only when an input (needs, capacity, recognition, damping
 * factor) moves. An under-supplied slot's deficit is shared in proportion to the spills, which a
 * provider then gives again: the proportions, and with them the caps, stay put. After the last
 * input change the commons settles within a few report rounds, at the fixed point {@link
 * CentralisedSolver} computes. docs/algorithm.md has the argument and the measurements.
 *
 * <p>A lying recipient gains nothing it could not gain by stating a larger need: whatever it reports,
 * the caps of a need slot add up to its stated quantity, and SPEC 4.3 already caps every provider
 * there.
 */
public final class Settling {

  private Settling() {}

  /**
   * The residual-need report: what each provider gives in total, and per need slot what each offers
   * and gives.
   *
   * @param receivedByProvider provider pubKey to the total its state gives (positive entries only)
   * @param needSlotReports need slot id to provider pubKey to its share (offered or given positive)
   */
  public record Report(
      Map<String, Double> receivedByProvider, Map<String, Map<String, ProviderShare>> needSlotReports) {

    /** No report. */
    public static final Report NONE = new Report(Map.of(), Map.of());

    /**
     * Copies both maps (sorted, immutable).
     *
     * @param receivedByProvider what each provider gives in total, by pubKey
     * @param needSlotReports per need slot id, what each provider offers and gives
     */
    public Report {
      receivedByProvider = Collections.unmodifiableMap(new TreeMap<>(receivedByProvider));
      Map<String, Map<String, ProviderShare>> o = new TreeMap<>();
      needSlotReports.forEach((k, v) -> o.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
      needSlotReports = Collections.unmodifiableMap(o);
    }

    /**
     * The report a commitment carries.
     *
     * @param c the commitment
     * @return its report
     */
    public static Report of(Commitment c) {
      return new Report(c.receivedByProvider(), c.needSlotReports());
    }

    /**
     * The total received from every provider.
     *
     * @return the sum of received_by_provider
     */
    public double total() {
      double t = 0;
      for (double v : receivedByProvider.values()) {
        t += v;
      }
      return t;
    }

    /**
     * The commitment with this report.
     *
     * @param c the commitment to update
     * @return a copy carrying this report
     */
    public Commitment applyTo(Commitment c) {
      return c.withReport(receivedByProvider, needSlotReports);
    }
  }

  /**
   * The tolerance for a participant stating {@code statedNeed}: {@code max(0.001, 0.1% of
   * statedNeed)}. Differences within it count as equal (damping, report republication).
   *
   * @param statedNeed the participant's stated need
   * @return the tolerance
   */
  public static double tolerance(double statedNeed) {
    return Damping.tolerance(statedNeed);
  }

  /**
   * The report of recipient {@code me} from the latest states of its providers (the caller passes
   * only fresh providers; {@code me}'s own state, if present, is ignored). Need slots {@code mine}
   * no longer has are dropped.
   *
   * @param me the recipient's pubKey
   * @param mine the recipient's current commitment
   * @param statesByProvider the latest allocation state of each fresh provider, by pubKey
   * @return the report
   */
  public static Report report(String me, Commitment mine, Map<String, AllocationState> statesByProvider) {
    Objects.requireNonNull(me, "me");
    Set<String> known = new TreeSet<>();
    for (NeedSlot n : mine.needSlots()) {
      known.add(n.id());
    }
    Map<String, Double> received = new TreeMap<>();
    Map<String, Map<String, ProviderShare>> shares = new TreeMap<>();
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
      Map<String, Double> given = s.givenTo(me);
      Map<String, Double> offered = s.offeredTo(me);
      Set<String> needs = new TreeSet<>(given.keySet());
      needs.addAll(offered.keySet());
      for (String need : needs) {
        double o = offered.getOrDefault(need, 0.0);
        double x = given.getOrDefault(need, 0.0);
        if ((o > 0 || x > 0) && known.contains(need)) {
          shares.computeIfAbsent(need, k -> new TreeMap<>()).put(provider, ProviderShare.of(o, x));
        }
      }
    }
    return new Report(received, shares);
  }

  /**
   * The damping step of a recipient whose latest view of its providers is {@code report} (SPEC 4.4):
   * the original's {@link Damping#apply} while the report lists no need slot (nobody offers or gives
   * anything, so there is nothing to cap), and otherwise damping suspended at {@link Damping#SMOOTH}
   * with its history kept as it is.
   *
   * <p>Why suspended: under a report the caps of each need slot add up to its quantity, so at the
   * fixed point nobody is over-allocated and the original's rule would say 1.0 anyway. On the way
   * there the providers' states arrive one by one, and a recipient briefly sums one provider's new
   * share with another's old one: damping took those transients for oscillations, halved the need,
   * which moved every offer of every provider sharing the slot, which moved every report again, and
   * the commons never settled (measured: 100 nodes, 2 providers per recipient, damping factors of
   * 12-71 recipients flipping every second for 60 s). Offers then depend on stated needs and
   * recognition only, and the caps follow them in a few report rounds.
   *
   * @param recipient the recipient's commitment
   * @param report its latest view of what its providers give
   * @param now the current time, epoch milliseconds
   * @return the commitment with the new damping state
   */
  public static Commitment damp(Commitment recipient, Report report, long now) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(report, "report");
    if (report.needSlotReports().isEmpty()) {
      return Damping.apply(recipient, report.total(), now);
    }
    return recipient.dampingFactor().doubleValue() == Damping.SMOOTH
        ? recipient
        : recipient.withDamping(Damping.SMOOTH, recipient.dampingHistory());
  }

  /**
   * Whether {@code next} differs from {@code published} by more than {@code tolerance} in some
   * entry (an entry missing on one side counts as 0): only then is a new report worth publishing.
   *
   * @param published the report last published
   * @param next the report just computed
   * @param tolerance largest difference still counted as equal
   * @return true when some entry moved beyond the tolerance
   */
  public static boolean moved(Report published, Report next, double tolerance) {
    if (differs(published.receivedByProvider(), next.receivedByProvider(), tolerance)) {
      return true;
    }
    Map<String, Map<String, ProviderShare>> a = published.needSlotReports();
    Map<String, Map<String, ProviderShare>> b = next.needSlotReports();
    Set<String> needs = new TreeSet<>(a.keySet());
    needs.addAll(b.keySet());
    for (String need : needs) {
      Map<String, ProviderShare> x = a.getOrDefault(need, Map.of());
      Map<String, ProviderShare> y = b.getOrDefault(need, Map.of());
      Set<String> providers = new TreeSet<>(x.keySet());
      providers.addAll(y.keySet());
      for (String p : providers) {
        ProviderShare u = x.getOrDefault(p, ProviderShare.of(0, 0));
        ProviderShare v = y.getOrDefault(p, ProviderShare.of(0, 0));
        if (Math.abs(u.offered() - v.offered()) > tolerance || Math.abs(u.received() - v.received()) > tolerance) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean differs(Map<String, Double> a, Map<String, Double> b, double tolerance) {
    Set<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      if (Math.abs(a.getOrDefault(k, 0.0) - b.getOrDefault(k, 0.0)) > tolerance) {
        return true;
      }
    }
    return false;
  }

  /**
   * The most {@code provider} gives {@code recipient}'s need slot {@code need} in total over its
   * capacity slots (see the class description), or {@link Double#POSITIVE_INFINITY} when the slot is
   * not capped beyond its quantity (no report, or nobody listed for this slot).
   *
   * @param recipient the recipient's commitment
   * @param provider the provider's pubKey
   * @param need the recipient's need slot
   * @return the cap, or {@link Double#POSITIVE_INFINITY} when not capped
   */
  public static double cap(Commitment recipient, String provider, NeedSlot need) {
    Map<String, ProviderShare> shares = recipient.needSlotReports().get(need.id());
    if (shares == null || shares.isEmpty()) {
      return Double.POSITIVE_INFINITY;
    }
    ProviderShare mine = shares.get(provider);
    if (mine == null) {
      return 0;
    }
    double q = need.quantity();
    double offers = 0;
    double spills = 0;
    for (ProviderShare s : shares.values()) {
      offers += s.offered();
      spills += s.spill();
    }
    // Fractions of a sum first (each in [0, 1]): q / offers overflowed for tiny offers, and 0 * that
    // was NaN.
    if (offers >= q) {
      return offers > 0 ? q * (mine.offered() / offers) : 0;
    }
    if (spills > 0) {
      return mine.offered() + (q - offers) * (mine.spill() / spills);
    }
    return offers > 0 ? q * (mine.offered() / offers) : 0;
  }
}
