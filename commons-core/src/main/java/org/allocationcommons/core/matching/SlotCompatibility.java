package org.allocationcommons.core.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.allocationcommons.core.matching.internal.Rules;
import org.allocationcommons.core.matching.internal.SlotKey;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.Slot;

/**
 * {@code compatible(need, avail)} of SPEC 4.1, pair by pair. This is the reference the {@link
 * CompatibilityIndex} is tested against.
 *
 * <ol>
 *   <li>type: need_type_id equal when both present;
 *   <li>time: if either slot has neither start_date nor end_date, compatible; else the ranges
 *       {@code [start, end]} overlap, missing start = -infinity, missing end = +infinity; a date that
 *       is not ISO-8601 makes the pair compatible and is reported;
 *   <li>location: if either has no city, country or latitude, compatible; if either is online or
 *       remote, compatible; same country or same city (case-insensitive), compatible; both have
 *       coordinates: haversine distance &lt;= 50 km; both have city or country and nothing matched:
 *       incompatible; otherwise compatible;
 *   <li>bilateral filters: the capacity slot's rule for the recipient, the need slot's rule for the
 *       provider.
 * </ol>
 *
 * <p>A blank string counts as absent. Dates: {@code 2024-06-01} is midnight UTC; date-times with an
 * offset are exact instants; local date-times are read as UTC.
 */
public final class SlotCompatibility {

  private SlotCompatibility() {}

  /**
   * Rules (a) to (c), without filters.
   *
   * @param need the need slot
   * @param avail the capacity slot
   * @return the verdict of each rule, filters taken as passing
   */
  public static Compatibility check(NeedSlot need, AvailabilitySlot avail) {
    SlotKey n = SlotKey.of(need);
    SlotKey a = SlotKey.of(avail);
    List<MatchWarning> warnings = new ArrayList<>(2);
    dateWarnings(need, n, avail, a, warnings);
    return new Compatibility(
        Rules.type(n, a), Rules.time(n, a), Rules.location(n, a), true, warnings);
  }

  /**
   * Rules (a) to (d): everything, including both filter rules.
   *
   * @param forRecipient context for the capacity slot's rule (subject: the recipient, its need slot)
   * @param forProvider context for the need slot's rule (subject: the provider, its capacity slot)
   * @param need the need slot
   * @param avail the capacity slot
   * @return the verdict of each rule
   */
  public static Compatibility compatible(
      NeedSlot need, AvailabilitySlot avail, FilterContext forRecipient, FilterContext forProvider) {
    Compatibility base = check(need, avail);
    List<MatchWarning> warnings = new ArrayList<>(base.warnings());
    boolean filters = filtersPass(need, avail, forRecipient, forProvider, warnings);
    return new Compatibility(
        base.typeCompatible(),
        base.timeCompatible(),
        base.locationCompatible(),
        filters,
        warnings);
  }

  /**
   * Whether (a) to (c) hold: the set the index must reproduce exactly.
   *
   * @param need the need slot
   * @param avail the capacity slot
   * @return true when rules (a) to (c) hold
   */
  public static boolean slotsCompatible(NeedSlot need, AvailabilitySlot avail) {
    return Rules.compatible(SlotKey.of(need), SlotKey.of(avail));
  }

  /**
   * The bilateral filters (d): the capacity slot's rule must pass for the recipient and the need
   * slot's rule for the provider; warnings for unknown rules are added to {@code warnings}.
   *
   * @param need the need slot
   * @param avail the capacity slot
   * @param forRecipient context for the capacity slot's rule (subject: the recipient)
   * @param forProvider context for the need slot's rule (subject: the provider)
   * @param warnings receives a warning for each unknown rule
   * @return true when both rules pass
   */
  public static boolean filtersPass(
      NeedSlot need,
      AvailabilitySlot avail,
      FilterContext forRecipient,
      FilterContext forProvider,
      List<MatchWarning> warnings) {
    if (!passes(avail, forRecipient, warnings)) {
      return false;
    }
    return passes(need, forProvider, warnings);
  }

  /**
   * Great-circle distance in km between two points (haversine, Earth radius 6371 km).
   *
   * @param lat1 latitude of the first point, degrees
   * @param lon1 longitude of the first point, degrees
   * @param lat2 latitude of the second point, degrees
   * @param lon2 longitude of the second point, degrees
   * @return the distance in km
   */
  public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
    return Rules.haversineKm(lat1, lon1, lat2, lon2);
  }

  private static boolean passes(Slot slot, FilterContext ctx, List<MatchWarning> warnings) {
    if (slot.filterRule().isEmpty()) {
      return true;
    }
    FilterVerdict v = Filters.evaluate(slot.filterRule().get(), ctx);
    if (v == FilterVerdict.PASS_UNREVIEWED) {
      warnings.add(Filters.warningFor(slot.filterRule().get(), slot.id()));
    }
    return v.passes();
  }

  /**
   * The warning for a slot whose start_date or end_date is not ISO-8601, if it has one.
   *
   * @param slot the slot to check
   * @return the warning, or empty when its dates parse
   */
  public static Optional<MatchWarning> dateWarning(Slot slot) {
    SlotKey k = SlotKey.of(slot);
    return k.unparseableDate == null
        ? Optional.empty()
        : Optional.of(unparseable(slot.id(), k.unparseableDate));
  }

  static void dateWarnings(
      Slot need, SlotKey n, Slot avail, SlotKey a, List<MatchWarning> warnings) {
    if (n.unparseableDate != null) {
      warnings.add(unparseable(need.id(), n.unparseableDate));
    }
    if (a.unparseableDate != null) {
      warnings.add(unparseable(avail.id(), a.unparseableDate));
    }
  }

  static MatchWarning unparseable(String slotId, String what) {
    return new MatchWarning(
        MatchWarning.Kind.UNPARSEABLE_DATE, slotId, what + " is not an ISO-8601 date; treated as undated");
  }
}
