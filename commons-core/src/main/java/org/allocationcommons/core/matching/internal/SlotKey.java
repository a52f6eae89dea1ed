package org.allocationcommons.core.matching.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.allocationcommons.core.model.Slot;

/**
 * What matching needs from a slot, parsed once: type, date range in epoch milliseconds, location
 * class. A blank string counts as absent everywhere (as the original's truthiness checks do).
 */
public final class SlotKey {

  /** need_type_id, or null. */
  public final String type;
  /** Whether start_date or end_date is present. */
  public final boolean hasTime;
  /** The first present date that does not parse, or null when every present date parses. */
  public final String unparseableDate;
  /** Start in epoch ms; {@link Long#MIN_VALUE} when missing. */
  public final long start;
  /** End in epoch ms; {@link Long#MAX_VALUE} when missing. */
  public final long end;
  /** city, country or latitude present. */
  public final boolean hasLocation;
  /** location_type contains online/remote, or online_link present. */
  public final boolean remote;
  /** Lower-cased city, or null. */
  public final String city;
  /** Lower-cased country, or null. */
  public final String country;
  /** Latitude and longitude both present. */
  public final boolean hasCoordinates;
  /** Latitude (NaN when absent). */
  public final double latitude;
  /** Longitude (NaN when absent). */
  public final double longitude;
  /** Cosine of the latitude (NaN when absent). */
  public final double cosLatitude;

  private SlotKey(Slot slot, Map<String, String> canonical) {
    this.type = canonical(text(slot.needTypeId()), canonical);
    String startText = text(slot.startDate());
    String endText = text(slot.endDate());
    this.hasTime = startText != null || endText != null;
    long s = Long.MIN_VALUE;
    long e = Long.MAX_VALUE;
    String bad = null;
    if (startText != null) {
      Long parsed = parseDate(startText);
      if (parsed == null) {
        bad = "start_date '" + startText + "'";
      } else {
        s = parsed;
      }
    }
    if (endText != null) {
      Long parsed = parseDate(endText);
      if (parsed == null) {
        bad = bad == null ? "end_date '" + endText + "'" : bad;
      } else {
        e = parsed;
      }
    }
    this.unparseableDate = bad;
    this.start = s;
    this.end = e;
    this.city = canonical(lower(text(slot.city())), canonical);
    this.country = canonical(lower(text(slot.country())), canonical);
    this.hasLocation = city != null || country != null || slot.latitude().isPresent();
    String locationType = lower(text(slot.locationType()));
    this.remote =
        (locationType != null && (locationType.contains("online") || locationType.contains("remote")))
            || text(slot.onlineLink()) != null;
    this.hasCoordinates = slot.latitude().isPresent() && slot.longitude().isPresent();
    this.latitude = slot.latitude().orElse(Double.NaN);
    this.longitude = slot.longitude().orElse(Double.NaN);
    this.cosLatitude = Math.cos(Math.toRadians(latitude));
  }

  /** The key of a slot. */
  public static SlotKey of(Slot slot) {
    return new SlotKey(slot, null);
  }

  /**
   * The key of a slot, sharing equal need types and lower-cased city and country strings through
   * {@code canonical} (an index over a million slots in a hundred cities then keeps a hundred
   * strings).
   */
  public static SlotKey of(Slot slot, Map<String, String> canonical) {
    return new SlotKey(slot, canonical);
  }

  private static String canonical(String s, Map<String, String> canonical) {
    if (s == null || canonical == null) {
      return s;
    }
    String existing = canonical.putIfAbsent(s, s);
    return existing == null ? s : existing;
  }

  /** Whether the time rule can use this slot's range (it has dates and they all parse). */
  public boolean dated() {
    return hasTime && unparseableDate == null;
  }

  /** Whether location never restricts this slot: no location info, or remote. */
  public boolean locatedAnywhere() {
    return !hasLocation || remote;
  }

  /** Whether city or country is present. */
  public boolean hasCityOrCountry() {
    return city != null || country != null;
  }

  /**
   * Parses an ISO-8601 date ({@code 2024-06-01}, midnight UTC), date-time with offset or zone
   * ({@code 2024-06-01T10:00:00Z}) or local date-time (read as UTC) to epoch milliseconds; null when
   * it is none of these.
   */
  public static Long parseDate(String text) {
    long fast = plainDate(text);
    if (fast != NOT_PLAIN) {
      return fast;
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException ignored) {
      // next format
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException ignored) {
      // next format
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException ignored) {
      // next format
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException ignored) {
      return null;
    }
  }

  private static final long NOT_PLAIN = Long.MIN_VALUE;

  /**
   * The common case {@code yyyy-MM-dd} without {@link LocalDate#parse} (which was a sixth of an
   * allocation): four ASCII digits, '-', two, '-', two, a valid month and day of that month; the
   * same epoch milliseconds as the general path, {@link #NOT_PLAIN} for anything else (which then
   * takes the general path, so what is accepted or rejected does not change).
   */
  private static long plainDate(String t) {
    if (t.length() != 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
      return NOT_PLAIN;
    }
    int y = digits(t, 0, 4);
    int m = digits(t, 5, 7);
    int d = digits(t, 8, 10);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > java.time.Month.of(m).length(java.time.Year.isLeap(y))) {
      return NOT_PLAIN;
    }
    return LocalDate.of(y, m, d).toEpochDay() * 86_400_000L;
  }

  /** The ASCII digits of {@code t[from, to)} as a number, or -1. */
  private static int digits(String t, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String text(Optional<String> value) {
    if (value.isEmpty()) {
      return null;
    }
    String v = value.get();
    return v.isEmpty() ? null : v;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
