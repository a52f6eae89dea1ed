package org.allocationcommons.core.matching.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The need slots of one need type, split by how the location rule can treat them, each part with a
 * {@link TimeIndex}. For a capacity slot it yields a superset of the location- and time-compatible
 * needs, never missing one; every part but the grids (and scans for a capacity slot whose
 * coordinates are out of range) decides the location rule by itself, so its needs are compatible
 * as they come:
 *
 * <ul>
 *   <li>anywhere (no city/country/latitude, or remote): always;
 *   <li>latitude only (no city/country, no full coordinates): always;
 *   <li>coordinates, no city/country: by distance when the capacity has coordinates, else always;
 *   <li>city/country, no coordinates: same city or country when the capacity has a city/country,
 *       else always;
 *   <li>city/country and coordinates: same city or country, plus by distance when the capacity has
 *       coordinates; always when the capacity has neither.
 * </ul>
 */
public final class LocationGroup {

  private final TimeIndex anywhere;
  private final TimeIndex latitudeOnly;
  private final TimeIndex coordsOnly;
  private final GeoGrid coordsOnlyGrid;
  private final TimeIndex placeOnly;
  private final Map<String, TimeIndex> placeOnlyByCountry;
  private final Map<String, TimeIndex> placeOnlyByCity;
  private final TimeIndex placeAndCoords;
  private final Map<String, TimeIndex> placeAndCoordsByCountry;
  private final Map<String, TimeIndex> placeAndCoordsByCity;
  private final GeoGrid placeAndCoordsGrid;
  private final SlotKey[] keys;

  /** Indexes these ordinals. */
  public LocationGroup(int[] ordinals, SlotKey[] keys) {
    this.keys = keys;
    IntBuffer anywhere = new IntBuffer();
    IntBuffer latOnly = new IntBuffer();
    IntBuffer coordsOnly = new IntBuffer();
    IntBuffer placeOnly = new IntBuffer();
    IntBuffer placeCoords = new IntBuffer();
    for (int o : ordinals) {
      SlotKey k = keys[o];
      if (k.locatedAnywhere()) {
        anywhere.add(o);
      } else if (!k.hasCityOrCountry()) {
        (k.hasCoordinates ? coordsOnly : latOnly).add(o);
      } else {
        (k.hasCoordinates ? placeCoords : placeOnly).add(o);
      }
    }
    this.anywhere = TimeIndex.of(anywhere.toArray(), keys);
    this.latitudeOnly = TimeIndex.of(latOnly.toArray(), keys);
    int[] co = coordsOnly.toArray();
    this.coordsOnly = TimeIndex.of(co, keys);
    this.coordsOnlyGrid = GeoGrid.of(co, keys);
    int[] po = placeOnly.toArray();
    this.placeOnly = TimeIndex.of(po, keys);
    this.placeOnlyByCountry = byPlace(po, keys, true);
    this.placeOnlyByCity = byPlace(po, keys, false);
    int[] pc = placeCoords.toArray();
    this.placeAndCoords = TimeIndex.of(pc, keys);
    this.placeAndCoordsByCountry = byPlace(pc, keys, true);
    this.placeAndCoordsByCity = byPlace(pc, keys, false);
    this.placeAndCoordsGrid = GeoGrid.of(pc, keys);
  }

  /**
   * Adds the ordinals that may be compatible in time and place with this capacity slot, never
   * missing one: to {@code exact} those that are compatible by construction of their bucket (same
   * type bucket, time index, and a location rule decided by the bucket, see the class comment), to
   * {@code check} those that may not be (grid neighbours, whose distance is still to check, and
   * scans for a capacity slot with coordinates out of range). Type is decided by the caller's
   * choice of group. A need can be added more than once.
   */
  public void candidates(SlotKey avail, IntBuffer exact, IntBuffer check) {
    anywhere.query(avail, exact);
    if (avail.locatedAnywhere()) {
      latitudeOnly.query(avail, exact);
      coordsOnly.query(avail, exact);
      placeOnly.query(avail, exact);
      placeAndCoords.query(avail, exact);
      return;
    }
    latitudeOnly.query(avail, exact);
    boolean near = avail.hasCoordinates && GeoGrid.valid(avail.latitude, avail.longitude);
    boolean wholeIfCoords = avail.hasCoordinates && !near; // odd coordinates: scan, then verify
    if (near) {
      coordsOnlyGrid.near(avail, check);
    } else {
      coordsOnly.query(avail, wholeIfCoords ? check : exact);
    }
    if (avail.hasCityOrCountry()) {
      place(placeOnlyByCountry, placeOnlyByCity, avail, exact);
      place(placeAndCoordsByCountry, placeAndCoordsByCity, avail, exact);
      if (near) {
        placeAndCoordsGrid.near(avail, check);
      } else if (wholeIfCoords) {
        placeAndCoords.query(avail, check);
      }
    } else {
      placeOnly.query(avail, exact);
      if (near) {
        placeAndCoordsGrid.near(avail, check);
      } else {
        placeAndCoords.query(avail, wholeIfCoords ? check : exact);
      }
    }
  }

  private static void place(
      Map<String, TimeIndex> byCountry, Map<String, TimeIndex> byCity, SlotKey avail, IntBuffer out) {
    if (avail.country != null) {
      TimeIndex t = byCountry.get(avail.country);
      if (t != null) {
        t.query(avail, out);
      }
    }
    if (avail.city != null) {
      TimeIndex t = byCity.get(avail.city);
      if (t != null) {
        t.query(avail, out);
      }
    }
  }

  private static Map<String, TimeIndex> byPlace(int[] ordinals, SlotKey[] keys, boolean country) {
    Map<String, IntBuffer> building = new HashMap<>();
    for (int o : ordinals) {
      String place = country ? keys[o].country : keys[o].city;
      if (place != null) {
        building.computeIfAbsent(place, p -> new IntBuffer(8)).add(o);
      }
    }
    Map<String, TimeIndex> result = new HashMap<>(building.size() * 2);
    building.forEach((p, b) -> result.put(p, TimeIndex.of(b.toArray(), keys)));
    return result;
  }

  /** The keys, by ordinal. */
  SlotKey[] keys() {
    return keys;
  }
}
