package org.allocationcommons.testkit.generators;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.model.Tier;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.testkit.generators.Catalog.City;
import org.allocationcommons.testkit.generators.Catalog.NeedType;

/**
 * jqwik arbitraries for every model type, producing only valid values (they pass the model's
 * validation), shaped like real data: real cities and coordinates, ISO dates across 2026, about 10%
 * remote slots, common kinds of need more often than rare ones. Element arbitraries shrink; the
 * whole-commons arbitrary ({@link #commons(int)}) draws from {@link CommonsGenerator} and does not.
 *
 * <pre>{@code
 * @Property
 * void neverOverAllocates(@ForAll("commitments") Commitment c) { ... }
 *
 * @Provide
 * Arbitrary<Commitment> commitments() { return CommonsArbitraries.commitments(); }
 * }</pre>
 */
public final class CommonsArbitraries {

  private static final LocalDate YEAR_START = LocalDate.of(2026, 1, 1);

  private CommonsArbitraries() {}

  /**
   * Ed25519-shaped public keys: 32 random bytes in unpadded base64url (43 characters).
   *
   * @return the key arbitrary
   */
  public static Arbitrary<String> pubKeys() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32)
        .map(b -> Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }

  /**
   * Every kind of filter rule, including the permissive and the prohibitive ones.
   *
   * @return the filter rule arbitrary
   */
  public static Arbitrary<FilterRule> filterRules() {
    Arbitrary<Double> share = Arbitraries.doubles().between(0, 1).ofScale(3);
    Arbitrary<List<String>> attributes = Arbitraries.of("vetted", "first-aid", "driver", "parent", "neighbour", "insured")
        .list().uniqueElements().ofMaxSize(3);
    Arbitrary<List<String>> cities = Arbitraries.of(Catalog.CITIES).map(City::name).list().uniqueElements().ofMaxSize(3);
    Arbitrary<List<String>> countries = Arbitraries.of(Catalog.CITIES).map(City::country).list().uniqueElements().ofMaxSize(2);
    Arbitrary<List<String>> resourceTypes =
        Arbitraries.of(Catalog.NEED_TYPES).map(NeedType::resourceType).list().uniqueElements().ofMaxSize(3);
    return Arbitraries.oneOf(
        Combinators.combine(share.optional(), Arbitraries.of(true, false)).as(FilterRule.Trust::new),
        Combinators.combine(cities, countries, Arbitraries.doubles().between(1, 500).ofScale(1).optional())
            .as(FilterRule.Location::new),
        Combinators.combine(attributes, attributes).as(FilterRule.Attribute::new),
        Combinators.combine(attributes, Arbitraries.doubles().between(0, 5).ofScale(1).optional())
            .as(FilterRule.Certification::new),
        Combinators.combine(resourceTypes, resourceTypes).as(FilterRule.ResourceType::new),
        Arbitraries.just(new FilterRule.AllowAll()),
        Arbitraries.just(new FilterRule.DenyAll()));
  }

  /**
   * Capacity slots: a kind of need, a quantity, maybe dates, a place (10% remote), rarely a filter.
   *
   * @return the capacity slot arbitrary
   */
  public static Arbitrary<AvailabilitySlot> availabilitySlots() {
    return Combinators.combine(slotIds("cap-"), needTypes(), quantities(), dateRanges(), places(), rareFilterRules())
        .as((id, type, quantity, dates, place, filter) -> {
          AvailabilitySlot.Builder b = AvailabilitySlot.builder(id)
              .name(type.name()).quantity(quantity).emoji(type.emoji()).unit(type.unit())
              .resourceType(type.resourceType()).needTypeId(type.id());
          dates.ifPresent(d -> b.dates(d.get1(), d.get2()));
          place.applyTo(b, id);
          filter.ifPresent(b::filterRule);
          return b.build();
        });
  }

  /**
   * Need slots, shaped like {@link #availabilitySlots()}.
   *
   * @return the need slot arbitrary
   */
  public static Arbitrary<NeedSlot> needSlots() {
    return Combinators.combine(slotIds("need-"), needTypes(), quantities(), dateRanges(), places(), rareFilterRules())
        .as((id, type, quantity, dates, place, filter) -> {
          NeedSlot.Builder b = NeedSlot.builder(id)
              .name(type.name()).quantity(quantity).emoji(type.emoji()).unit(type.unit())
              .resourceType(type.resourceType()).needTypeId(type.id());
          dates.ifPresent(d -> b.dates(d.get1(), d.get2()));
          place.applyTo(b, id);
          filter.ifPresent(b::filterRule);
          return b.build();
        });
  }

  /**
   * Commitments of one participant: up to four capacity and four need slots with distinct ids, up to
   * six recognition weights in [0, 1] for other random participants, a positive timestamp in 2026,
   * mostly no damping, and a causality stamp from {@link #stamps()}.
   *
   * @return the commitment arbitrary
   */
  public static Arbitrary<Commitment> commitments() {
    return Combinators.combine(
            pubKeys(),
            availabilitySlots().list().ofMaxSize(4).uniqueElements(AvailabilitySlot::id),
            needSlots().list().ofMaxSize(4).uniqueElements(NeedSlot::id),
            Arbitraries.maps(pubKeys(), Arbitraries.doubles().between(0, 1).ofScale(4)).ofMaxSize(6),
            stamps(),
            timestamps(),
            Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(1.0)),
                Tuple.of(2, Arbitraries.of(0.5, 0.8)),
                Tuple.of(1, Arbitraries.doubles().between(0, 1).ofScale(3))),
            dampingEntries().list().ofMaxSize(3))
        .as((pubKey, caps, needs, weights, stamp, timestamp, factor, history) -> Commitment.builder(pubKey)
            .capacitySlots(caps)
            .needSlots(needs)
            .recognitionWeights(withoutSelf(weights, pubKey))
            .itcStamp(stamp)
            .timestamp(timestamp)
            .dampingFactor(factor)
            .dampingHistory(history)
            .build());
  }

  /**
   * ITC stamps reached by random histories from {@link Stamp#seed()}: forks, events and joins of the
   * live stamps, sometimes seen anonymously ({@link Stamp#peek()}).
   *
   * @return the stamp arbitrary
   */
  public static Arbitrary<Stamp> stamps() {
    Arbitrary<int[]> op = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1_000),
            Arbitraries.integers().between(0, 1_000))
        .as((kind, a, b) -> new int[] {kind, a, b});
    return Combinators.combine(op.list().ofMaxSize(24), Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(0, 9))
        .as((ops, pick, peek) -> {
          List<Stamp> live = new ArrayList<>(List.of(Stamp.seed()));
          for (int[] o : ops) {
            int a = o[1] % live.size();
            switch (o[0]) {
              case 0 -> live.set(a, live.get(a).event());
              case 1 -> {
                if (live.size() < 16) {
                  Stamp.Fork f = live.get(a).fork();
                  live.set(a, f.left());
                  live.add(f.right());
                }
              }
              default -> {
                int b = o[2] % live.size();
                if (a != b) {
                  Stamp joined = live.get(a).join(live.get(b));
                  live.set(a, joined);
                  live.remove(b);
                }
              }
            }
          }
          Stamp s = live.get(pick % live.size());
          return peek == 0 ? s.peek() : s;
        });
  }

  /**
   * Damping history entries: an over-allocation and a time in 2026.
   *
   * @return the damping entry arbitrary
   */
  public static Arbitrary<DampingEntry> dampingEntries() {
    return Combinators.combine(Arbitraries.doubles().between(0, 100).ofScale(3), timestamps()).as(DampingEntry::of);
  }

  /**
   * Convergence history entries: a denominator change and a time in 2026.
   *
   * @return the convergence entry arbitrary
   */
  public static Arbitrary<ConvergenceEntry> convergenceEntries() {
    return Combinators.combine(Arbitraries.doubles().between(0, 50).ofScale(4), timestamps()).as(ConvergenceEntry::of);
  }

  /**
   * Pairs of tier denominators.
   *
   * @return the denominator pair arbitrary
   */
  public static Arbitrary<SlotDenominators> slotDenominators() {
    Arbitrary<Double> d = Arbitraries.doubles().between(0, 500).ofScale(4);
    return Combinators.combine(d, d).as(SlotDenominators::of);
  }

  /**
   * Single allocations of a capacity slot to a recipient's need slot, in either tier.
   *
   * @return the slot allocation arbitrary
   */
  public static Arbitrary<SlotAllocation> slotAllocations() {
    return Combinators.combine(slotIds("cap-"), pubKeys(), slotIds("need-"), quantities(), Arbitraries.of(true, false),
            Arbitraries.of(true, false), Arbitraries.of(Tier.class))
        .as(SlotAllocation::new);
  }

  /**
   * Allocation states whose parts agree: every allocation's slot has denominators, and the recipient
   * totals are the sums of the allocations.
   *
   * @return the allocation state arbitrary
   */
  public static Arbitrary<AllocationState> allocationStates() {
    return Combinators.combine(
            slotAllocations().list().ofMaxSize(8),
            slotDenominators().list().ofMinSize(8).ofMaxSize(8),
            Arbitraries.of(true, false),
            convergenceEntries().list().ofMaxSize(5),
            stamps(),
            timestamps())
        .as((allocations, denominators, converged, history, stamp, timestamp) -> {
          Map<String, SlotDenominators> bySlot = new LinkedHashMap<>();
          Map<String, Double> totals = new LinkedHashMap<>();
          for (int i = 0; i < allocations.size(); i++) {
            SlotAllocation a = allocations.get(i);
            bySlot.putIfAbsent(a.availabilitySlotId(), denominators.get(i));
            totals.merge(a.recipientPubkey(), a.quantity(), Double::sum);
          }
          return new AllocationState(bySlot, allocations, totals, converged, history, stamp, timestamp);
        });
  }

  /**
   * Whole realistic commons of exactly {@code participants} participants; see
   * {@link CommonsGenerator} for what they look like. Does not shrink.
   *
   * @param participants the number of participants
   * @return the commons arbitrary
   */
  public static Arbitrary<Commons> commons(int participants) {
    if (participants < 1) {
      throw new IllegalArgumentException("participants must be >= 1, was " + participants);
    }
    return Arbitraries.randomValue(random -> CommonsGenerator.generate(participants, random));
  }

  /**
   * Whole realistic commons of 2 to 40 participants.
   *
   * @return the commons arbitrary
   */
  public static Arbitrary<Commons> commons() {
    return Arbitraries.integers().between(2, 40).flatMap(CommonsArbitraries::commons);
  }

  // --- parts ------------------------------------------------------------------------------------

  private static Arbitrary<String> slotIds(String prefix) {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(8).map(s -> prefix + s);
  }

  private static Arbitrary<NeedType> needTypes() {
    List<NeedType> types = Catalog.NEED_TYPES;
    @SuppressWarnings("unchecked")
    Tuple.Tuple2<Integer, NeedType>[] weighted = new Tuple.Tuple2[types.size()];
    for (int i = 0; i < types.size(); i++) {
      weighted[i] = Tuple.of(types.size() - i, types.get(i));
    }
    return Arbitraries.frequency(weighted);
  }

  private static Arbitrary<Double> quantities() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0, 40).map(Integer::doubleValue)),
        Tuple.of(1, Arbitraries.doubles().between(0, 1_000).ofScale(2)));
  }

  private static Arbitrary<Long> timestamps() {
    return Arbitraries.longs().between(CommonsGenerator.BASE_TIMESTAMP, CommonsGenerator.BASE_TIMESTAMP + 365L * 86_400_000L);
  }

  /** 70% dated: a start day in 2026 and an end up to 90 days later (ISO dates). */
  private static Arbitrary<Optional<Tuple.Tuple2<String, String>>> dateRanges() {
    return Combinators.combine(Arbitraries.integers().between(0, 364), Arbitraries.integers().between(0, 90))
        .as((day, length) -> Tuple.of(YEAR_START.plusDays(day).toString(), YEAR_START.plusDays(day + length).toString()))
        .optional(0.7);
  }

  private static Arbitrary<Optional<FilterRule>> rareFilterRules() {
    return filterRules().optional(0.1);
  }

  /** Where a slot is: 10% remote, 80% near a catalogue city, 10% unspecified. */
  private static Arbitrary<Place> places() {
    Arbitrary<Place> near = Combinators.combine(
            Arbitraries.of(Catalog.CITIES), Arbitraries.doubles().between(-0.03, 0.03).ofScale(5),
            Arbitraries.doubles().between(-0.03, 0.03).ofScale(5))
        .as((city, dLat, dLon) -> new Place.Near(city, city.latitude() + dLat, city.longitude() + dLon));
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(new Place.Remote(true), new Place.Remote(false))),
        Tuple.of(8, near),
        Tuple.of(1, Arbitraries.just(new Place.Unspecified())));
  }

  private static Map<String, Double> withoutSelf(Map<String, Double> weights, String self) {
    Map<String, Double> copy = new LinkedHashMap<>(weights);
    copy.remove(self);
    return copy;
  }

  private sealed interface Place {
    void applyTo(AvailabilitySlot.Builder b, String id);

    void applyTo(NeedSlot.Builder b, String id);

    record Remote(boolean withLink) implements Place {
      @Override
      public void applyTo(AvailabilitySlot.Builder b, String id) {
        b.locationType("online");
        if (withLink) {
          b.onlineLink("https://meet.example.org/" + id);
        }
      }

      @Override
      public void applyTo(NeedSlot.Builder b, String id) {
        b.locationType("remote");
        if (withLink) {
          b.onlineLink("https://meet.example.org/" + id);
        }
      }
    }

    record Near(City city, double latitude, double longitude) implements Place {
      @Override
      public void applyTo(AvailabilitySlot.Builder b, String id) {
        b.locationType("in-person").city(city.name()).country(city.country()).coordinates(latitude, longitude);
      }

      @Override
      public void applyTo(NeedSlot.Builder b, String id) {
        b.locationType("in-person").city(city.name()).country(city.country()).coordinates(latitude, longitude);
      }
    }

    record Unspecified() implements Place {
      @Override
      public void applyTo(AvailabilitySlot.Builder b, String id) {}

      @Override
      public void applyTo(NeedSlot.Builder b, String id) {}
    }
  }
}
