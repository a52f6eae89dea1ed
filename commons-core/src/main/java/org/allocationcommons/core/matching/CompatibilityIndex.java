package org.allocationcommons.core.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.allocationcommons.core.matching.internal.IntBuffer;
import org.allocationcommons.core.matching.internal.LocationGroup;
import org.allocationcommons.core.matching.internal.Rules;
import org.allocationcommons.core.matching.internal.SlotKey;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;

/**
 * The need slots of a network, indexed so that the need slots compatible with a capacity slot
 * (rules (a) to (c) of SPEC 4.1, without filters) are found without checking every pair.
 *
 * <p>Buckets: by need type (needs without a type join every type), then by how the location rule
 * can treat them (anywhere, city or country, coordinates on a 1-degree grid), then by time (an
 * interval index: dated needs sorted by start with a max-end tree; undated and unparseable ones
 * always), grid cells time-indexed too. A bucket that decides every rule yields compatible needs
 * as they are; the rest (grid neighbours, odd coordinates) are checked with the same rules as
 * {@link SlotCompatibility#slotsCompatible}; duplicates are removed, and property tests check that
 * the result is exactly the brute-force set. Immutable and safe to share between threads.
 */
public final class CompatibilityIndex {

  /**
   * One indexed need slot.
   *
   * @param ordinal position in {@link #needs()}: owners in pubKey order, then slot order
   * @param owner the recipient's pubKey
   * @param slot the need slot
   */
  public record IndexedNeed(int ordinal, String owner, NeedSlot slot) {}

  private final List<IndexedNeed> needs;
  private final SlotKey[] keys;
  /** Whether each need's dates do not parse, by ordinal: asked for every compatible pair. */
  private final boolean[] dateWarnings;
  private final Map<String, LocationGroup> byType;
  private final LocationGroup untyped;

  private CompatibilityIndex(List<IndexedNeed> needs) {
    this.needs = Collections.unmodifiableList(needs);
    this.keys = new SlotKey[needs.size()];
    this.dateWarnings = new boolean[needs.size()];
    Map<String, IntBuffer> typed = new HashMap<>();
    IntBuffer untypedOrdinals = new IntBuffer();
    Map<String, String> canonical = new HashMap<>();
    for (IndexedNeed n : needs) {
      SlotKey k = SlotKey.of(n.slot(), canonical);
      keys[n.ordinal()] = k;
      dateWarnings[n.ordinal()] = k.unparseableDate != null;
      if (k.type == null) {
        untypedOrdinals.add(n.ordinal());
      } else {
        typed.computeIfAbsent(k.type, t -> new IntBuffer()).add(n.ordinal());
      }
    }
    this.byType = new HashMap<>(typed.size() * 2);
    typed.forEach((t, b) -> byType.put(t, new LocationGroup(b.toArray(), keys)));
    this.untyped = new LocationGroup(untypedOrdinals.toArray(), keys);
  }

  /**
   * Indexes the need slots of every commitment except {@code excludedPubKey} (the provider, who
   * never allocates to itself); owners are taken in pubKey order so results are deterministic
   * whatever the map's iteration order.
   *
   * @param commitments the network's commitments by pubKey
   * @param excludedPubKey the provider, whose need slots are left out
   * @return the index
   */
  public static CompatibilityIndex of(Map<String, Commitment> commitments, String excludedPubKey) {
    List<IndexedNeed> needs = new ArrayList<>();
    for (Map.Entry<String, Commitment> e : new TreeMap<>(commitments).entrySet()) {
      if (e.getKey().equals(excludedPubKey)) {
        continue;
      }
      for (NeedSlot n : e.getValue().needSlots()) {
        needs.add(new IndexedNeed(needs.size(), e.getKey(), n));
      }
    }
    return new CompatibilityIndex(needs);
  }

  /**
   * Indexes need slots given as (owner, slot) pairs, in this order.
   *
   * @param ownedNeeds (owner pubKey, need slot) pairs; the order gives the ordinals
   * @return the index
   */
  public static CompatibilityIndex ofNeeds(List<Map.Entry<String, NeedSlot>> ownedNeeds) {
    List<IndexedNeed> needs = new ArrayList<>(ownedNeeds.size());
    for (Map.Entry<String, NeedSlot> e : ownedNeeds) {
      needs.add(
          new IndexedNeed(
              needs.size(), Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue())));
    }
    return new CompatibilityIndex(needs);
  }

  /**
   * Every indexed need slot, by ordinal.
   *
   * @return the indexed need slots; position is the ordinal
   */
  public List<IndexedNeed> needs() {
    return needs;
  }

  /**
   * Number of indexed need slots.
   *
   * @return the number of indexed need slots
   */
  public int size() {
    return needs.size();
  }

  /**
   * The need slots compatible with {@code avail} under rules (a) to (c), in ordinal order, each
   * once: exactly those for which {@link SlotCompatibility#slotsCompatible} holds.
   *
   * @param avail the capacity slot to match
   * @return the compatible need slots, in ordinal order
   */
  public List<IndexedNeed> compatibleWith(AvailabilitySlot avail) {
    int[] ordinals = compatibleOrdinals(avail);
    List<IndexedNeed> result = new ArrayList<>(ordinals.length);
    for (int o : ordinals) {
      result.add(needs.get(o));
    }
    return result;
  }

  /**
   * The ordinals of {@link #compatibleWith}, ascending, without materialising a list (for the
   * allocation kernel).
   *
   * @param avail the capacity slot to match
   * @return the ordinals of the compatible need slots, ascending
   */
  public int[] compatibleOrdinals(AvailabilitySlot avail) {
    SlotKey a = SlotKey.of(avail);
    IntBuffer hits = new IntBuffer(64);
    IntBuffer check = new IntBuffer(64);
    if (a.type == null) {
      for (LocationGroup g : byType.values()) {
        g.candidates(a, hits, check);
      }
    } else {
      LocationGroup g = byType.get(a.type);
      if (g != null) {
        g.candidates(a, hits, check);
      }
    }
    untyped.candidates(a, hits, check);
    // Candidates from buckets that decide every rule are compatible as they come; the others (grid
    // neighbours, odd coordinates) come from the right type's group through a time index, so only
    // the location rule is left to check (checking all three here was a fifth of an allocation,
    // mostly comparing type strings that the bucket had already matched). Then the compatible ones are put in
    // ascending order without duplicates (a need can come through two buckets), by a sort when they
    // are few for their spread, else by marking them in a bit set and reading it back.
    // A candidate in the capacity slot's city or country was also added by that place's bucket of
    // the same group (LocationGroup#candidates): skipping it here halves the work of ordering when
    // slots have both a city and coordinates.
    boolean placed = a.hasCityOrCountry();
    for (int i = 0, n = check.size(); i < n; i++) {
      int o = check.get(i);
      SlotKey k = keys[o];
      if (placed && samePlace(k, a)) {
        continue;
      }
      if (Rules.location(k, a)) {
        hits.add(o);
      }
    }
    if (hits.size() == 0) {
      return new int[0];
    }
    int lo = Integer.MAX_VALUE;
    int hi = -1;
    for (int i = 0, n = hits.size(); i < n; i++) {
      int o = hits.get(i);
      lo = Math.min(lo, o);
      hi = Math.max(hi, o);
    }
    int words = (hi >>> 6) - (lo >>> 6) + 1;
    if (hits.size() < 64 || hits.size() * 8L < words) {
      return hits.sortedDistinct();
    }
    return ascendingDistinct(hits, lo >>> 6, words);
  }

  /** Whether the need shares the capacity slot's country or city (the location rule's first two tests). */
  private static boolean samePlace(SlotKey need, SlotKey avail) {
    return (need.country != null && need.country.equals(avail.country))
        || (need.city != null && need.city.equals(avail.city));
  }

  /** The values of {@code hits} ascending, each once, through a bit set of {@code words} words. */
  private static int[] ascendingDistinct(IntBuffer hits, int firstWord, int words) {
    long[] bits = new long[words];
    int n = hits.size();
    for (int i = 0; i < n; i++) {
      int o = hits.get(i);
      bits[(o >>> 6) - firstWord] |= 1L << o; // the shift takes o mod 64
    }
    int[] out = new int[n];
    int w = 0;
    for (int i = 0; i < words; i++) {
      long word = bits[i];
      int base = (firstWord + i) << 6;
      while (word != 0) {
        out[w++] = base + Long.numberOfTrailingZeros(word);
        word &= word - 1;
      }
    }
    return w == n ? out : java.util.Arrays.copyOf(out, w);
  }

  /**
   * Whether the need slot with this ordinal has a date that does not parse.
   *
   * @param ordinal the need slot's ordinal in this index
   * @return true when its start or end date does not parse
   */
  public boolean hasDateWarning(int ordinal) {
    return dateWarnings[ordinal];
  }

  /**
   * The unparseable-date warning of an indexed need, if its dates do not parse.
   *
   * @param need a need slot of this index
   * @return the warning, or empty when its dates parse
   */
  public Optional<MatchWarning> dateWarning(IndexedNeed need) {
    SlotKey k = keys[need.ordinal()];
    return k.unparseableDate == null
        ? Optional.empty()
        : Optional.of(SlotCompatibility.unparseable(need.slot().id(), k.unparseableDate));
  }
}
