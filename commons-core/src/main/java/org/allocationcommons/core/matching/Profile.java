package org.allocationcommons.core.matching;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@link org.allocationcommons.core.model.FilterRule.Attribute attribute} and {@link
 * org.allocationcommons.core.model.FilterRule.Certification certification} rules check about a
 * participant. The commitment does not carry these, so the caller supplies them (for example from
 * a directory); {@link #NONE} is a participant with neither, which fails every rule that requires
 * something.
 *
 * @param attributes attribute names the participant has
 * @param certifications certification name to level
 */
public record Profile(Set<String> attributes, Map<String, Double> certifications) {

  /** No attributes, no certifications. */
  public static final Profile NONE = new Profile(Set.of(), Map.of());

  /**
   * Null becomes empty; copies are immutable.
   *
   * @param attributes the participant's attributes
   * @param certifications certification levels by name
   */
  public Profile {
    attributes = attributes == null ? Set.of() : Set.copyOf(attributes);
    certifications =
        certifications == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(certifications));
  }

  /**
   * A profile with these attributes and no certifications.
   *
   * @param attributes the attributes
   * @return the profile
   */
  public static Profile withAttributes(String... attributes) {
    return new Profile(Set.of(attributes), Map.of());
  }

  /**
   * This profile plus one certification at a level.
   *
   * @param certification the certification's name
   * @param level its level
   * @return a copy with this certification added
   */
  public Profile certified(String certification, double level) {
    Map<String, Double> c = new LinkedHashMap<>(certifications);
    c.put(certification, level);
    return new Profile(attributes, c);
  }
}
