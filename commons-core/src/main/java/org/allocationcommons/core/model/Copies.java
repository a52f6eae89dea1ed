package org.allocationcommons.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.allocationcommons.core.model.internal.SlotAllocationColumns;

/** Defensive, order-preserving immutable copies that treat null as empty and name bad elements. */
final class Copies {

  private Copies() {}

  static <T> List<T> list(List<T> source, String field) {
    if (source == null || source.isEmpty()) {
      return List.of();
    }
    if (source instanceof SlotAllocationColumns) {
      return source; // immutable and null-free by construction
    }
    List<T> copy = new ArrayList<>(source.size());
    for (int i = 0; i < source.size(); i++) {
      T element = source.get(i);
      if (element == null) {
        throw new IllegalArgumentException(field + "[" + i + "] is null; elements are required");
      }
      copy.add(element);
    }
    return Collections.unmodifiableList(copy);
  }

  static <V> Map<String, V> map(Map<String, V> source, String field) {
    if (source == null || source.isEmpty()) {
      return Map.of();
    }
    Map<String, V> copy = new LinkedHashMap<>(source.size() * 2);
    for (Map.Entry<String, V> e : source.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException(field + " has a null key");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(field + "[" + e.getKey() + "] is null; values are required");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** A map of maps, each level copied as {@link #map} does. */
  static <V> Map<String, Map<String, V>> nestedMap(Map<String, Map<String, V>> source, String field) {
    Map<String, Map<String, V>> outer = map(source, field);
    if (outer.isEmpty()) {
      return outer;
    }
    Map<String, Map<String, V>> copy = new LinkedHashMap<>(outer.size() * 2);
    outer.forEach((k, v) -> copy.put(k, map(v, field + "[" + k + "]")));
    return Collections.unmodifiableMap(copy);
  }
}
