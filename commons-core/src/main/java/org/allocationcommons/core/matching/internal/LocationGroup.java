package org.allocationcommons.core.matching.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The need slots of one need type, split by how the location rule can treat them, each part with a
 * {@link TimeIndex}. For a capacity slot it yields a superset of the location- and time-compatible
 * needs, never missing one:
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

  /** Adds a superset of the ordinals compatible in time and place with this capacity slot. */
  public void candidates(SlotKey avail, IntBuffer out) {
    anywhere.query(avail, out);
    if (avail.locatedAnywhere()) {
      latitudeOnly.query(avail, out);
      coordsOnly.query(avail, out);
      placeOnly.query(avail, out);
      placeAndCoords.query(avail, out);
      return;
    }
    latitudeOnly.query(avail, out);
    boolean near = avail.hasCoordinates && GeoGrid.valid(avail.latitude, avail.longitude);
    boolean wholeIfCoords = avail.hasCoordinates && !near; // odd coordinates: scan, then verify
    if (near) {
      coordsOnlyGrid.near(avail.latitude, avail.longitude, out);
    } else if (wholeIfCoords || !avail.hasCoordinates) {
      coordsOnly.query(avail, out);
    }
    if (avail.hasCityOrCountry()) {
      place(placeOnlyByCountry, placeOnlyByCity, avail, out);
      place(placeAndCoordsByCountry, placeAndCoordsByCity, avail, out);
      if (near) {
        placeAndCoordsGrid.near(avail.latitude, avail.longitude, out);
      } else if (wholeIfCoords) {
        placeAndCoords.query(avail, out);
      }
    } else {
      placeOnly.query(avail, out);
      if (near) {
        placeAndCoordsGrid.near(avail.latitude, avail.longitude, out);
      } else {
        placeAndCoords.query(avail, out);
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
