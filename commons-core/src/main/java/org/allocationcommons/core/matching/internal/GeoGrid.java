package org.allocationcommons.core.matching.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Need slots with coordinates in 1-degree cells, each cell a {@link TimeIndex}. A query returns
 * every slot that is time-compatible with the capacity slot and can be within 50 km of its point (a
 * superset in place; the caller checks the exact distance). Cells are time-indexed because a cell
 * holds a place's needs for every period: without it, a capacity slot of one month met every need
 * of its cell, most of them in other months, and checked each. Slots with coordinates outside the
 * valid ranges (or not finite) are always returned, so the superset holds even for bad data.
 */
public final class GeoGrid {

  /** Largest latitude difference for 50 km, degrees, with margin. */
  private static final double LAT_SPAN =
      Math.toDegrees(Rules.MAX_DISTANCE_KM / Rules.EARTH_RADIUS_KM) * 1.01 + 1e-6;

  private final Map<Long, TimeIndex> cells;
  private final TimeIndex odd;

  private GeoGrid(Map<Long, TimeIndex> cells, TimeIndex odd) {
    this.cells = cells;
    this.odd = odd;
  }

  /** Indexes these ordinals (each key has coordinates). */
  public static GeoGrid of(int[] ordinals, SlotKey[] keys) {
    Map<Long, IntBuffer> building = new HashMap<>();
    IntBuffer odd = new IntBuffer(4);
    for (int o : ordinals) {
      SlotKey k = keys[o];
      if (!valid(k.latitude, k.longitude)) {
        odd.add(o);
        continue;
      }
      building.computeIfAbsent(cell(latCell(k.latitude), lonCell(k.longitude)), c -> new IntBuffer(8)).add(o);
    }
    Map<Long, TimeIndex> cells = new HashMap<>(building.size() * 2);
    building.forEach((c, b) -> cells.put(c, TimeIndex.of(b.toArray(), keys)));
    return new GeoGrid(cells, TimeIndex.of(odd.toArray(), keys));
  }

  /** Whether a query point can use the grid (finite, in range). */
  public static boolean valid(double lat, double lon) {
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
  }

  /**
   * Adds every ordinal time-compatible with {@code avail} that may lie within 50 km of its point,
   * which must be {@link #valid}.
   */
  public void near(SlotKey avail, IntBuffer out) {
    double lat = avail.latitude;
    double lon = avail.longitude;
    odd.query(avail, out);
    int latLo = Math.max(-90, (int) Math.floor(lat - LAT_SPAN));
    int latHi = Math.min(90, (int) Math.floor(lat + LAT_SPAN));
    double maxAbsLat = Math.min(90, Math.abs(lat) + LAT_SPAN);
    double cosMin = Math.cos(Math.toRadians(maxAbsLat));
    double ratio = Math.sin(Rules.MAX_DISTANCE_KM / (2 * Rules.EARTH_RADIUS_KM)) / cosMin;
    boolean allLongitudes = !(ratio < 0.9) || maxAbsLat >= 89;
    int lonLo;
    int lonHi;
    if (allLongitudes) {
      lonLo = -180;
      lonHi = 179;
    } else {
      double lonSpan = Math.toDegrees(2 * Math.asin(ratio)) * 1.01 + 1e-6;
      lonLo = (int) Math.floor(lon - lonSpan);
      lonHi = (int) Math.floor(lon + lonSpan);
      if (lonHi - lonLo >= 359) {
        lonLo = -180;
        lonHi = 179;
      }
    }
    for (int la = latLo; la <= latHi; la++) {
      for (int lo = lonLo; lo <= lonHi; lo++) {
        TimeIndex cell = cells.get(cell(la, wrap(lo)));
        if (cell != null) {
          cell.query(avail, out);
        }
      }
    }
  }

  private static int latCell(double lat) {
    return (int) Math.floor(lat);
  }

  private static int lonCell(double lon) {
    return wrap((int) Math.floor(lon));
  }

  /** Maps any integer degree to [-180, 179]; 180 is the same meridian as -180. */
  private static int wrap(int lonDeg) {
    return Math.floorMod(lonDeg + 180, 360) - 180;
  }

  private static long cell(int latDeg, int lonDeg) {
    return ((long) latDeg << 32) ^ (lonDeg & 0xffffffffL);
  }
}
