package org.allocationcommons.core.matching.internal;

/**
 * The three compatibility rules of SPEC 4.1 on parsed {@link SlotKey}s, shared by the brute-force
 * check and the index so both decide every pair identically.
 */
public final class Rules {

  /** Earth radius used by the haversine distance, km (as in the original). */
  public static final double EARTH_RADIUS_KM = 6371.0;

  /** Distance within which two slots with coordinates are compatible, km. */
  public static final double MAX_DISTANCE_KM = 50.0;

  private Rules() {}

  /** (a) need_type_id equal when both present. */
  public static boolean type(SlotKey need, SlotKey avail) {
    return need.type == null || avail.type == null || need.type.equals(avail.type);
  }

  /**
   * (b) compatible if either slot has no dates or has an unparseable one; else {@code [start, end]}
   * ranges overlap with missing start = -infinity and missing end = +infinity.
   */
  public static boolean time(SlotKey need, SlotKey avail) {
    if (!need.dated() || !avail.dated()) {
      return true;
    }
    return need.start <= avail.end && avail.start <= need.end;
  }

  /** (c) the location rule, in the original's order. */
  public static boolean location(SlotKey a, SlotKey b) {
    if (!a.hasLocation || !b.hasLocation) {
      return true;
    }
    if (a.remote || b.remote) {
      return true;
    }
    if (a.country != null && a.country.equals(b.country)) {
      return true;
    }
    if (a.city != null && a.city.equals(b.city)) {
      return true;
    }
    if (a.hasCoordinates && b.hasCoordinates) {
      return withinMaxDistance(a, b);
    }
    return !(a.hasCityOrCountry() && b.hasCityOrCountry());
  }

  /**
   * Haversine distance &lt;= 50 km without inverse trigonometry: {@code d = 2R asin(sqrt(h))} is
   * monotonic in the haversine {@code h}, so {@code d <= 50} iff {@code h <= sin^2(50 / 2R)}; the
   * cosines of the latitudes are cached in the keys.
   */
  static boolean withinMaxDistance(SlotKey a, SlotKey b) {
    double sLat = Math.sin(Math.toRadians(b.latitude - a.latitude) / 2);
    double sLon = Math.sin(Math.toRadians(b.longitude - a.longitude) / 2);
    double h = sLat * sLat + a.cosLatitude * b.cosLatitude * sLon * sLon;
    return h <= MAX_HAVERSINE;
  }

  private static final double MAX_HAVERSINE;

  static {
    double s = Math.sin(MAX_DISTANCE_KM / (2 * EARTH_RADIUS_KM));
    MAX_HAVERSINE = s * s;
  }

  /** All three. */
  public static boolean compatible(SlotKey need, SlotKey avail) {
    return type(need, avail) && time(need, avail) && location(need, avail);
  }

  /** Great-circle distance in km (haversine, radius 6371 km). */
  public static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double sLat = Math.sin(dLat / 2);
    double sLon = Math.sin(dLon / 2);
    double a =
        sLat * sLat
            + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * sLon * sLon;
    double c = 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    return EARTH_RADIUS_KM * c;
  }
}
