package org.allocationcommons.sync.codec.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.core.model.Tier;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.internal.Membership;

/**
 * Random documents of every type the codec decodes, about half of their values near or beyond a
 * constraint's edge: NaN, infinities, -0.0, negatives, bounds and just past them, sums over 1e12,
 * blank and long strings, and nulls wherever a record lets them through.
 */
final class RandomDocuments {

  private static final double[] EDGES = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
    -Double.MIN_VALUE, -1, 0.5, 1, Math.nextUp(1.0), 1.5, 90, Math.nextUp(90.0), -90, Math.nextDown(-90.0),
    180, 180.5, -180, -181, 6e11, 9e11, 1e12, Math.nextUp(1e12), 1.000000001e12,
    Math.nextUp(1.000000001e12), 2e12, 1e308, Double.MAX_VALUE, -Double.MAX_VALUE
  };

  private static final String[] STRINGS = {
    "", " ", "\t\n", "\u2003", "\u00a0", "\u0001", "a", "p", "q", "slot-1", "n1", " x ", "x".repeat(130)
  };

  private final Random r;
  /** How often a value is drawn from the edges rather than well inside every range. */
  private final double wild;

  RandomDocuments(Random r) {
    this.r = r;
    this.wild = new double[] {0, 0.02, 0.1, 0.5}[r.nextInt(4)];
  }

  private boolean edge() {
    return r.nextDouble() < wild;
  }

  double number() {
    if (!edge()) {
      return r.nextDouble(); // within [0, 1): valid for every numeric rule
    }
    return r.nextBoolean() ? EDGES[r.nextInt(EDGES.length)] : (r.nextDouble() * 2 - 0.5) * Math.pow(10, r.nextInt(14));
  }

  String string() {
    return edge() ? STRINGS[r.nextInt(STRINGS.length)] : "k" + r.nextInt(20);
  }

  String stringOrNull() {
    return edge() && r.nextInt(3) == 0 ? null : string();
  }

  long timestamp() {
    if (!edge()) {
      return 1 + r.nextInt(1_000_000);
    }
    return switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> -1 - r.nextInt(1000);
      case 2 -> Long.MIN_VALUE;
      default -> 1 + r.nextInt(1_000_000);
    };
  }

  <T> Optional<T> maybe(Supplier<T> s) {
    return r.nextInt(3) == 0 ? Optional.of(s.get()) : Optional.empty();
  }

  <T> List<T> list(int max, Supplier<T> s) {
    int n = r.nextInt(max + 1);
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(s.get());
    }
    return out;
  }

  <V> Map<String, V> map(int max, Supplier<V> s) {
    Map<String, V> out = new LinkedHashMap<>();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      out.put(string(), s.get());
    }
    return out;
  }

  Map<String, Double> numbers(int max) {
    return map(max, this::number);
  }

  FilterRule filterRule() {
    return switch (r.nextInt(8)) {
      case 0 -> new FilterRule.Trust(maybe(this::number), r.nextBoolean());
      case 1 -> new FilterRule.Location(list(2, this::string), list(2, this::string), maybe(this::number));
      case 2 -> new FilterRule.Attribute(list(2, this::string), list(2, this::string));
      case 3 -> new FilterRule.Certification(list(2, this::string), maybe(this::number));
      case 4 -> new FilterRule.ResourceType(list(2, this::string), list(2, this::string));
      case 5 -> new FilterRule.AllowAll();
      case 6 -> new FilterRule.DenyAll();
      default -> new FilterRule.Unknown("mystery", Map.of("x", 1));
    };
  }

  Integer repeatEvery() {
    if (!edge()) {
      return 1 + r.nextInt(10);
    }
    return switch (r.nextInt(4)) {
      case 0 -> 0;
      case 1 -> -r.nextInt(10) - 1;
      case 2 -> Integer.MIN_VALUE;
      default -> 1 + r.nextInt(10);
    };
  }

  NeedSlot needSlot() {
    NeedSlot.Builder b = NeedSlot.builder(string()).name(string()).quantity(number());
    maybe(this::filterRule).ifPresent(b::filterRule);
    maybe(this::number).ifPresent(b::advanceNoticeHours);
    maybe(this::number).ifPresent(b::bookingWindowHours);
    maybe(this::repeatEvery).ifPresent(b::customRecurrenceRepeatEvery);
    maybe(this::number).ifPresent(b::longitude);
    maybe(this::number).ifPresent(b::latitude);
    maybe(this::number).ifPresent(b::priority);
    maybe(this::string).ifPresent(b::city);
    return b.build();
  }

  AvailabilitySlot availabilitySlot() {
    AvailabilitySlot.Builder b = AvailabilitySlot.builder(string()).name(string()).quantity(number());
    maybe(this::filterRule).ifPresent(b::filterRule);
    maybe(this::number).ifPresent(b::advanceNoticeHours);
    maybe(this::number).ifPresent(b::bookingWindowHours);
    maybe(this::repeatEvery).ifPresent(b::customRecurrenceRepeatEvery);
    maybe(this::number).ifPresent(b::longitude);
    maybe(this::number).ifPresent(b::latitude);
    maybe(this::number).ifPresent(b::priority);
    maybe(this::string).ifPresent(b::unit);
    return b.build();
  }

  DampingEntry dampingEntry() {
    return DampingEntry.of(number(), timestamp());
  }

  ProviderShare providerShare() {
    return ProviderShare.of(number(), number());
  }

  Commitment commitment() {
    return new Commitment(
        string(),
        list(4, this::availabilitySlot),
        list(4, this::needSlot),
        numbers(3),
        numbers(2),
        Stamp.seed(),
        timestamp(),
        edge() ? null : number(),
        list(3, this::dampingEntry),
        numbers(2),
        map(2, () -> map(2, this::providerShare)));
  }

  SlotDenominators denominators() {
    return SlotDenominators.of(number(), number());
  }

  SlotAllocation allocation() {
    return new SlotAllocation(
        string(), string(), string(), number(), r.nextBoolean(), r.nextBoolean(),
        r.nextBoolean() ? Tier.MUTUAL : Tier.NON_MUTUAL);
  }

  ConvergenceEntry convergenceEntry() {
    return ConvergenceEntry.of(number(), timestamp());
  }

  AllocationState state() {
    return new AllocationState(
        map(3, this::denominators),
        list(4, this::allocation),
        numbers(3),
        r.nextBoolean(),
        list(3, this::convergenceEntry),
        Stamp.seed(),
        timestamp(),
        map(2, () -> numbers(2)));
  }

  /** Weights are copied into a map that keeps null keys and values: the engine must see them too. */
  RecognitionWeights recognitionWeights() {
    Map<String, Double> w = new HashMap<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      w.put(stringOrNull(), edge() && r.nextInt(3) == 0 ? null : number());
    }
    return new RecognitionWeights(string(), w, Stamp.seed(), timestamp());
  }

  Invitation invitation() {
    return new Invitation(string(), string(), Stamp.seed(), timestamp());
  }

  Retirement retirement() {
    return new Retirement(string(), string(), Stamp.seed(), timestamp());
  }

  Membership membership() {
    Map<String, Stamp> granted = new TreeMap<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      granted.put(string(), edge() ? null : Stamp.seed());
    }
    return new Membership(
        string(), Stamp.seed(), maybe(this::string), maybe(this::string), list(3, this::string),
        list(3, this::string), r.nextBoolean(), granted);
  }

  /** Any covered type, nested records and filter rules on their own included. */
  Object any() {
    return switch (r.nextInt(15)) {
      case 0, 1 -> commitment();
      case 2, 3 -> state();
      case 4 -> recognitionWeights();
      case 5 -> invitation();
      case 6 -> retirement();
      case 7 -> membership();
      case 8 -> needSlot();
      case 9 -> availabilitySlot();
      case 10 -> filterRule();
      case 11 -> r.nextBoolean() ? dampingEntry() : providerShare();
      case 12 -> denominators();
      case 13 -> allocation();
      default -> convergenceEntry();
    };
  }
}
