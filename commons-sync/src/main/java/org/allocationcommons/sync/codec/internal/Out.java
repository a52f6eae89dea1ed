package org.allocationcommons.sync.codec.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allocationcommons.sync.codec.Violation;

/**
 * The violations one compiled check collects, and the standard rules it applies, each worded and
 * judged as Hibernate Validator words and judges it (NaN fails every bound, {@code -0.0} fails
 * {@code @PositiveOrZero} but passes {@code @DecimalMin("0")}, blank is {@link String#isBlank}).
 * A field is named by a prefix (the path to its record, ending in "." or empty) and its JSON name;
 * the two are joined only when something is wrong, so a valid document builds no strings.
 */
final class Out {

  static final String NOT_BLANK = "must not be blank";
  static final String NOT_NULL = "must not be null";
  static final String FINITE = "must be a finite number (not NaN or infinite)";
  static final String AT_LEAST_ZERO = "must be greater than or equal to 0";
  static final String POSITIVE = "must be greater than 0";
  static final String AT_LEAST = "must be greater than or equal to ";
  static final String AT_MOST = "must be less than or equal to ";

  private final List<Violation> found = new ArrayList<>(4);

  List<Violation> found() {
    return found;
  }

  void add(String field, String shown, String rule) {
    found.add(new Violation(field, shown, rule));
  }

  private void add(String prefix, String name, Object value, String rule) {
    add(prefix + name, Shown.of(value), rule);
  }

  /** {@code @NotBlank}: null or blank fails. */
  void notBlank(String prefix, String name, String s) {
    if (s == null || s.isBlank()) {
      add(prefix, name, s, NOT_BLANK);
    }
  }

  /** {@code @NotNull}. */
  boolean notNull(String prefix, String name, Object o) {
    if (o == null) {
      add(prefix, name, null, NOT_NULL);
      return false;
    }
    return true;
  }

  /** {@code @Finite}. */
  void finite(String prefix, String name, double d) {
    if (!Double.isFinite(d)) {
      add(prefix, name, d, FINITE);
    }
  }

  /** {@code @PositiveOrZero} on a double: the engine compares with {@link Double#compare}. */
  void atLeastZero(String prefix, String name, double d) {
    if (Double.isNaN(d) || Double.compare(d, 0.0) < 0) {
      add(prefix, name, d, AT_LEAST_ZERO);
    }
  }

  /**
   * {@code @DecimalMin(bound)}, inclusive. The bounds used are small integers, exact as doubles, so
   * comparing doubles agrees with the engine's decimal comparison.
   */
  void atLeast(String prefix, String name, double d, double bound, String boundText) {
    if (Double.isNaN(d) || d < bound) {
      add(prefix, name, d, AT_LEAST + boundText);
    }
  }

  /** {@code @DecimalMax(bound)}, inclusive; as {@link #atLeast}. */
  void atMost(String prefix, String name, double d, double bound, String boundText) {
    if (Double.isNaN(d) || d > bound) {
      add(prefix, name, d, AT_MOST + boundText);
    }
  }

  /** {@code @Positive} on a whole number. */
  void positive(String prefix, String name, long n) {
    if (n <= 0) {
      add(prefix, name, n, POSITIVE);
    }
  }

  /** {@code @Positive} on an Integer. */
  void positive(String prefix, String name, Integer n) {
    if (n != null && n <= 0) {
      add(prefix, name, n, POSITIVE);
    }
  }

  /** {@code @Finite @DecimalMin("0") @DecimalMax("1")}: a weight or a fraction. */
  void unit(String prefix, String name, double d) {
    finite(prefix, name, d);
    atLeast(prefix, name, d, 0, "0");
    atMost(prefix, name, d, 1, "1");
  }

  /** {@code @Finite @PositiveOrZero @DecimalMax(bound)}: a quantity. */
  void quantity(String prefix, String name, double d, double bound, String boundText) {
    finite(prefix, name, d);
    atLeastZero(prefix, name, d);
    atMost(prefix, name, d, bound, boundText);
  }

  /** {@code @Finite @PositiveOrZero}. */
  void finiteAtLeastZero(String prefix, String name, double d) {
    finite(prefix, name, d);
    atLeastZero(prefix, name, d);
  }

  /** {@code List<@NotNull String>}. */
  void noNullElements(String prefix, String name, List<?> list) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        add(prefix + name + "[" + i + "]", "null", NOT_NULL);
      }
    }
  }

  /** {@code List<@NotBlank String>}. */
  void noBlankElements(String prefix, String name, List<String> list) {
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i);
      if (s == null || s.isBlank()) {
        add(prefix + name + "[" + i + "]", Shown.of(s), NOT_BLANK);
      }
    }
  }

  /** {@code Map<@NotBlank String, ?>}: each blank key, named as the engine names a map key. */
  void blankKeys(String prefix, String name, Map<String, ?> map) {
    for (String k : map.keySet()) {
      if (k == null || k.isBlank()) {
        add(keyField(prefix + name, k), Shown.of(k), NOT_BLANK);
      }
    }
  }

  /** {@code Map<@NotBlank String, @NotNull @Finite @DecimalMin("0") @DecimalMax("1") Double>}. */
  void unitMap(String prefix, String name, Map<String, Double> map) {
    blankKeys(prefix, name, map);
    for (Map.Entry<String, Double> e : map.entrySet()) {
      Double d = e.getValue();
      if (d == null || !(d >= 0 && d <= 1)) { // NaN fails both comparisons
        String f = valueField(prefix + name, e.getKey());
        if (notNull(f, "", d)) {
          unit(f, "", d);
        }
      }
    }
  }

  /** {@code Map<@NotBlank String, @NotNull @Finite @PositiveOrZero @DecimalMax(bound) Double>}. */
  void quantityMap(String prefix, String name, Map<String, Double> map, double bound, String boundText) {
    blankKeys(prefix, name, map);
    for (Map.Entry<String, Double> e : map.entrySet()) {
      Double d = e.getValue();
      if (d == null || !(Double.compare(d, 0.0) >= 0 && d <= bound)) {
        String f = valueField(prefix + name, e.getKey());
        if (notNull(f, "", d)) {
          quantity(f, "", d, bound, boundText);
        }
      }
    }
  }

  /** The path of a map key: {@code name<K>[key]}. */
  static String keyField(String map, Object key) {
    return map + "<K>[" + (key == null ? "" : key) + "]";
  }

  /** The path of a map value: {@code name[key]}. */
  static String valueField(String map, Object key) {
    return map + "[" + (key == null ? "" : key) + "]";
  }
}
