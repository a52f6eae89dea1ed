package org.allocationcommons.testkit.generators;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.testkit.generators.Catalog.City;
import org.allocationcommons.testkit.generators.Catalog.NeedType;

/**
 * Generates realistic whole commons from a random source, without jqwik, so the simulator and the
 * command line can make the same commons from the same seed. {@link CommonsArbitraries#commons(int)}
 * wraps it for properties.
 *
 * <p>What "realistic" means here: participants live in clusters of about ten around real cities (some
 * cities less than 50 km apart, so distance matching matters); they mostly recognise members of their
 * own cluster, often mutually, and a few outsiders; recognition weights are shares summing to between
 * 0.6 and 1; each offers one or two skills and needs one or two things, the common kinds (meals,
 * childcare) far more often than rare ones; 70% of slots are dated, within 2026, over up to three
 * months; 10% are remote; a few carry a filter rule.
 */
public final class CommonsGenerator {

  /** The timestamp generated commitments carry: 2026-01-01T00:00:00Z. */
  public static final long BASE_TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /** Fraction of slots that are remote (online). */
  public static final double REMOTE_FRACTION = 0.10;

  private static final int CLUSTER_SIZE = 10;
  private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);

  private CommonsGenerator() {}

  /**
   * A commons of {@code participants} participants with random base64url keys, as Ed25519 keys look.
   *
   * @param participants the number of participants, at least 1
   * @param random the source of every choice
   * @return the commons
   * @throws IllegalArgumentException if {@code participants < 1}
   */
  public static Commons generate(int participants, RandomGenerator random) {
    if (participants < 1) {
      throw new IllegalArgumentException("participants must be >= 1, was " + participants);
    }
    Set<String> keys = new LinkedHashSet<>();
    while (keys.size() < participants) {
      keys.add(pubKey(random));
    }
    return generate(List.copyOf(keys), random);
  }

  /**
   * A commons whose participants have exactly these keys, in this order.
   *
   * @param pubKeys the participants' keys, distinct
   * @param random the source of every choice
   * @return the commons
   * @throws IllegalArgumentException if the list is empty or has a duplicate
   */
  public static Commons generate(List<String> pubKeys, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    if (pubKeys.isEmpty()) {
      throw new IllegalArgumentException("pubKeys must name at least one participant, was empty");
    }
    if (new LinkedHashSet<>(pubKeys).size() != pubKeys.size()) {
      throw new IllegalArgumentException("pubKeys must be distinct, got " + pubKeys.size() + " with duplicates");
    }
    int n = pubKeys.size();
    int clusters = Math.max(1, (n + CLUSTER_SIZE - 1) / CLUSTER_SIZE);
    int[] clusterOf = new int[n];
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      clusterOf[i] = i % clusters;
      members.get(clusterOf[i]).add(i);
    }
    // Each cluster lives around one city; clusters beyond the catalogue reuse cities.
    int cityOffset = random.nextInt(Catalog.CITIES.size());
    City[] home = new City[n];
    for (int i = 0; i < n; i++) {
      home[i] = Catalog.CITIES.get((clusterOf[i] + cityOffset) % Catalog.CITIES.size());
    }

    List<Set<Integer>> recognises = recognitionGraph(n, clusterOf, members, random);

    List<Commitment> commitments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Commitment.Builder b = Commitment.builder(pubKeys.get(i)).timestamp(BASE_TIMESTAMP);
      List<NeedType> skills = pickTypes(random, 1 + random.nextInt(2));
      List<NeedType> needs = pickTypes(random, 1 + random.nextInt(2));
      int capacitySlots = random.nextDouble() < 0.7 ? 1 + random.nextInt(3) : 0;
      int needSlots = random.nextDouble() < 0.8 ? 1 + random.nextInt(3) : 0;
      for (int k = 0; k < capacitySlots; k++) {
        NeedType t = skills.get(k % skills.size());
        b.capacitySlot(availabilitySlot("cap-" + i + "-" + k, t, home[i], random));
      }
      for (int k = 0; k < needSlots; k++) {
        NeedType t = needs.get(k % needs.size());
        b.needSlot(needSlot("need-" + i + "-" + k, t, home[i], random));
      }
      b.recognitionWeights(weights(recognises.get(i), pubKeys, random));
      commitments.add(b.build());
    }
    return new Commons("generated commons of " + n, commitments);
  }

  /**
   * A random 32-byte key in unpadded base64url, the form of an Ed25519 public key on the wire.
   *
   * @param random the source of the bytes
   * @return the key
   */
  public static String pubKey(RandomGenerator random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Directed recognition edges: mostly within the cluster, 60% reciprocated, a few outside. */
  private static List<Set<Integer>> recognitionGraph(
      int n, int[] clusterOf, List<List<Integer>> members, RandomGenerator random) {
    List<Set<Integer>> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      edges.add(new LinkedHashSet<>());
    }
    for (int i = 0; i < n; i++) {
      List<Integer> cluster = members.get(clusterOf[i]);
      int inside = Math.min(cluster.size() - 1, 2 + random.nextInt(5));
      for (int tries = 0; edges.get(i).size() < inside && tries < 50; tries++) {
        int j = cluster.get(random.nextInt(cluster.size()));
        if (j != i) {
          edges.get(i).add(j);
        }
      }
      int outside = n > cluster.size() ? random.nextInt(3) : 0;
      for (int k = 0; k < outside; k++) {
        int j = random.nextInt(n);
        if (j != i && clusterOf[j] != clusterOf[i]) {
          edges.get(i).add(j);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j : List.copyOf(edges.get(i))) {
        if (clusterOf[j] == clusterOf[i] && !edges.get(j).contains(i) && random.nextDouble() < 0.6) {
          edges.get(j).add(i);
        }
      }
    }
    return edges;
  }

  private static Map<String, Double> weights(Set<Integer> recognised, List<String> pubKeys, RandomGenerator random) {
    Map<String, Double> weights = new LinkedHashMap<>();
    if (recognised.isEmpty()) {
      return weights;
    }
    double[] raw = new double[recognised.size()];
    double sum = 0;
    for (int k = 0; k < raw.length; k++) {
      raw[k] = 0.2 + random.nextDouble();
      sum += raw[k];
    }
    double total = 0.6 + 0.4 * random.nextDouble();
    int k = 0;
    for (int j : recognised) {
      weights.put(pubKeys.get(j), round(raw[k++] / sum * total, 1e-4));
    }
    return weights;
  }

  /** Distinct need types, the common ones more likely (quadratic bias towards the head). */
  private static List<NeedType> pickTypes(RandomGenerator random, int count) {
    Set<NeedType> picked = new LinkedHashSet<>();
    while (picked.size() < count) {
      double u = random.nextDouble();
      picked.add(Catalog.NEED_TYPES.get((int) (u * u * Catalog.NEED_TYPES.size())));
    }
    return List.copyOf(picked);
  }

  private static AvailabilitySlot availabilitySlot(String id, NeedType type, City home, RandomGenerator random) {
    AvailabilitySlot.Builder b = AvailabilitySlot.builder(id)
        .name(type.name())
        .quantity(Math.max(1, Math.round(type.typicalQuantity() * (0.5 + 1.5 * random.nextDouble()))))
        .emoji(type.emoji())
        .unit(type.unit())
        .resourceType(type.resourceType())
        .needTypeId(type.id());
    SlotShape shape = shape(home, random);
    shape.dates().ifPresent(d -> b.dates(d.get(0), d.get(1)));
    if (shape.remote()) {
      b.locationType("online").onlineLink("https://meet.example.org/" + id);
    } else {
      b.locationType("in-person").city(home.name()).country(home.country()).coordinates(shape.latitude(), shape.longitude());
    }
    filterRule(home, random).ifPresent(b::filterRule);
    return b.build();
  }

  private static NeedSlot needSlot(String id, NeedType type, City home, RandomGenerator random) {
    NeedSlot.Builder b = NeedSlot.builder(id)
        .name(type.name())
        .quantity(Math.max(1, Math.round(type.typicalQuantity() * (0.2 + 0.8 * random.nextDouble()))))
        .emoji(type.emoji())
        .unit(type.unit())
        .resourceType(type.resourceType())
        .needTypeId(type.id());
    SlotShape shape = shape(home, random);
    shape.dates().ifPresent(d -> b.dates(d.get(0), d.get(1)));
    if (shape.remote()) {
      b.locationType("remote");
    } else {
      b.locationType("in-person").city(home.name()).country(home.country()).coordinates(shape.latitude(), shape.longitude());
    }
    return b.build();
  }

  private record SlotShape(java.util.Optional<List<String>> dates, boolean remote, double latitude, double longitude) {}

  private static SlotShape shape(City home, RandomGenerator random) {
    java.util.Optional<List<String>> dates = java.util.Optional.empty();
    if (random.nextDouble() < 0.7) {
      LocalDate start = YEAR_START.plusDays(random.nextInt(365));
      LocalDate end = start.plusDays(random.nextInt(91));
      dates = java.util.Optional.of(List.of(start.toString(), end.toString()));
    }
    boolean remote = random.nextDouble() < REMOTE_FRACTION;
    // Within about 3 km of the centre.
    double lat = round(home.latitude() + (random.nextDouble() - 0.5) * 0.05, 1e-5);
    double lon = round(home.longitude() + (random.nextDouble() - 0.5) * 0.05, 1e-5);
    return new SlotShape(dates, remote, lat, lon);
  }

  private static java.util.Optional<FilterRule> filterRule(City home, RandomGenerator random) {
    double u = random.nextDouble();
    if (u < 0.90) {
      return java.util.Optional.empty();
    } else if (u < 0.94) {
      return java.util.Optional.of(FilterRule.Trust.minimum(0.05));
    } else if (u < 0.97) {
      return java.util.Optional.of(FilterRule.Location.countries(home.country()));
    } else {
      return java.util.Optional.of(new FilterRule.AllowAll());
    }
  }

  private static double round(double value, double step) {
    return Math.round(value / step) * step;
  }
}
