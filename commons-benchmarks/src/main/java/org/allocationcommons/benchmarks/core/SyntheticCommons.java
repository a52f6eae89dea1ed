package org.allocationcommons.benchmarks.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;

/**
 * A reproducible synthetic commons for benchmarks: one provider with {@code capacitySlots} capacity
 * slots against {@code needSlots} need slots, 10 per recipient. Places: 100 cities on a grid about
 * 150 km apart (so no two cities are within 50 km), 90% of slots in a city (city name plus
 * coordinates jittered by up to ~5 km), 10% remote. Time: 24 months (2024-01 to 2025-12); needs
 * start on a random day and last 0 to 60 days, 5% are undated; capacity slots cover one random
 * month. Recognition: 30% of recipients mutual (MR in (0, 1]), 30% one-way (weight only), the rest
 * unknown to the provider. All slots share one need type, so the type does not narrow anything.
 */
public final class SyntheticCommons {

  /** Provider pubKey. */
  public static final String PROVIDER = "provider";

  private static final int CITIES = 100;
  private static final LocalDate START = LocalDate.of(2024, 1, 1);
  private static final long T = 1_700_000_000_000L;

  private SyntheticCommons() {}

  /** The allocation input; the same seed gives the same commons. */
  public static AllocationInput input(int capacitySlots, int needSlots, long seed) {
    Random rnd = new Random(seed);
    int recipients = Math.max(1, needSlots / 10);
    Map<String, Commitment> network = new LinkedHashMap<>(recipients * 2);
    Map<String, Double> mr = new HashMap<>();
    Map<String, Double> weights = new HashMap<>();
    int made = 0;
    for (int r = 0; r < recipients; r++) {
      String pk = "r" + r;
      int count = r == recipients - 1 ? needSlots - made : Math.min(10, needSlots - made);
      List<NeedSlot> needs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        needs.add(need(pk + "-n" + i, rnd));
      }
      made += count;
      network.put(pk, Commitment.builder(pk).timestamp(T).needSlots(needs).dampingFactor(dampingOf(rnd)).build());
      double roll = rnd.nextDouble();
      if (roll < 0.3) {
        double m = 0.001 + rnd.nextDouble() * 0.999;
        mr.put(pk, m);
        weights.put(pk, Math.min(1, m + rnd.nextDouble() * 0.1));
      } else if (roll < 0.6) {
        weights.put(pk, 0.001 + rnd.nextDouble() * 0.999);
      }
    }
    List<AvailabilitySlot> caps = new ArrayList<>(capacitySlots);
    for (int i = 0; i < capacitySlots; i++) {
      caps.add(capacity("c" + i, rnd));
    }
    Commitment provider = Commitment.builder(PROVIDER).timestamp(T).capacitySlots(caps).build();
    return AllocationInput.of(PROVIDER, provider, mr, weights, network);
  }

  private static double dampingOf(Random rnd) {
    double d = rnd.nextDouble();
    return d < 0.8 ? 1.0 : d < 0.9 ? 0.8 : 0.5;
  }

  private static NeedSlot need(String id, Random rnd) {
    NeedSlot.Builder b = NeedSlot.builder(id).name("need").quantity(1 + rnd.nextInt(10)).needTypeId("meals");
    if (rnd.nextDouble() >= 0.05) {
      LocalDate s = START.plusDays(rnd.nextInt(730));
      b.dates(s.toString(), s.plusDays(rnd.nextInt(61)).toString());
    }
    place(b::city, b::locationType, (lat, lon) -> b.coordinates(lat, lon), rnd);
    return b.build();
  }

  private static AvailabilitySlot capacity(String id, Random rnd) {
    AvailabilitySlot.Builder b =
        AvailabilitySlot.builder(id).name("capacity").quantity(1 + rnd.nextInt(20)).needTypeId("meals");
    LocalDate month = START.plusMonths(rnd.nextInt(24));
    b.dates(month.toString(), month.plusMonths(1).minusDays(1).toString());
    place(b::city, b::locationType, (lat, lon) -> b.coordinates(lat, lon), rnd);
    return b.build();
  }

  private interface Coordinates {
    void set(double lat, double lon);
  }

  private static void place(
      java.util.function.Consumer<String> city,
      java.util.function.Consumer<String> locationType,
      Coordinates coordinates,
      Random rnd) {
    if (rnd.nextDouble() < 0.1) {
      locationType.accept("online");
      return;
    }
    int c = rnd.nextInt(CITIES);
    city.accept("City" + c);
    // a 10 x 10 grid from (40N, 0E), 1.4 degrees apart (~150 km in latitude, >100 km in longitude)
    double lat = 40 + (c / 10) * 1.4 + (rnd.nextDouble() - 0.5) * 0.09;
    double lon = (c % 10) * 1.4 + (rnd.nextDouble() - 0.5) * 0.12;
    coordinates.set(lat, lon);
  }
}
