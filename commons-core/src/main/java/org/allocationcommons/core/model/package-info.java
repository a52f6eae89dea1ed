/**
 * The immutable data model of SPEC section 3: {@link org.allocationcommons.core.model.Commitment}
 * with its {@link org.allocationcommons.core.model.AvailabilitySlot capacity} and {@link
 * org.allocationcommons.core.model.NeedSlot need} slots (both a {@link
 * org.allocationcommons.core.model.Slot}), {@link org.allocationcommons.core.model.FilterRule}
 * and a provider's {@link org.allocationcommons.core.model.AllocationState}.
 *
 * <h2>Conventions</h2>
 *
 * <ul>
 *   <li><b>Null-free.</b> Optional scalar fields are {@link java.util.Optional} record components;
 *       the compact constructors turn {@code null} into {@code Optional.empty()}. Collections are
 *       never null: {@code null} becomes an empty immutable list or map; present ones are copied,
 *       order-preserving and unmodifiable, and a null element is rejected with an {@link
 *       IllegalArgumentException} naming the field. Required references (ids, pubKey, itcStamp,
 *       tier) are checked with {@link java.util.Objects#requireNonNull}.
 *   <li><b>Validation.</b> Value rules (non-blank ids, finite numbers, ranges, weights in [0, 1],
 *       positive timestamps) are Jakarta Validation constraints, checked by whoever receives data
 *       (commons-sync) with a real engine. The constructors do not repeat them, so a value built in
 *       Java code may be invalid until validated; the pure functions reject NaN and out-of-range
 *       weights themselves.
 *   <li><b>JSON.</b> Names are those of the original (snake_case, except {@code pubKey}, {@code
 *       itcStamp}, {@code overAllocation}, {@code nonMutual}, {@code denominatorDelta}, {@code
 *       convergenceHistory}) via Jackson annotations only; unknown fields are ignored; empty
 *       optionals are omitted. {@link org.allocationcommons.itc.Stamp} needs a serializer, which
 *       commons-sync registers.
 * </ul>
 */
package org.allocationcommons.core.model;
