/**
 * Slot matching (SPEC 4.1): {@link org.allocationcommons.core.matching.SlotCompatibility} decides
 * one pair (type, time, location, then the bilateral {@link
 * org.allocationcommons.core.matching.Filters filter rules}) and reports what it accepted
 * optimistically as {@link org.allocationcommons.core.matching.MatchWarning}s; {@link
 * org.allocationcommons.core.matching.CompatibilityIndex} finds every need slot compatible with a
 * capacity slot without checking every pair, and returns exactly the brute-force set.
 *
 * <p>Unlike the original's bucketing, the index does not lose undated needs or needs that started
 * in an earlier month, keeps same-city needs for capacity slots with a city or country, and never
 * returns a need twice.
 */
package org.allocationcommons.core.matching;
