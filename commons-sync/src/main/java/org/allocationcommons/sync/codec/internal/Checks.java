package org.allocationcommons.sync.codec.internal;

import java.util.List;
import java.util.Set;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.ConvergenceEntry;
import org.allocationcommons.core.model.DampingEntry;
import org.allocationcommons.core.model.FilterRule;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.model.ProviderShare;
import org.allocationcommons.core.model.Slot;
import org.allocationcommons.core.model.SlotAllocation;
import org.allocationcommons.core.model.SlotDenominators;
import org.allocationcommons.sync.codec.Violation;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.RecognitionWeights;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.internal.Membership;

/**
 * Hand-written checks of the Jakarta constraints on every type the codec decodes, and on their
 * nested records: the same violations as {@link Engine} (same JSON paths, values and words), without
 * bootstrapping the engine or reflecting over annotations. Issues 11 and 13: the engine's bootstrap
 * and per-type metadata dominated a codec's cold start, and its per-document cost the decode path.
 *
 * <p>They mirror the annotations of {@code core.model} and {@code sync.document}: a constraint
 * added there must be added here too; {@code ChecksProperties} compares both on random documents,
 * valid and invalid, so a difference fails the build, and {@code ConstraintInventoryTest} pins the
 * annotations themselves, so a constraint added without its check fails it too.
 */
public final class Checks {

  private static final Set<Class<?>> COVERED =
      Set.of(
          Commitment.class, AllocationState.class, RecognitionWeights.class, Invitation.class,
          Retirement.class, Membership.class, NeedSlot.class, AvailabilitySlot.class,
          DampingEntry.class, ProviderShare.class, SlotDenominators.class, SlotAllocation.class,
          ConvergenceEntry.class, FilterRule.Trust.class, FilterRule.Location.class,
          FilterRule.Attribute.class, FilterRule.Certification.class, FilterRule.ResourceType.class,
          FilterRule.AllowAll.class, FilterRule.DenyAll.class, FilterRule.Unknown.class);

  private Checks() {}

  /** The covered types (for the test that pins their constraints). */
  static Set<Class<?>> covered() {
    return COVERED;
  }

  /**
   * Whether {@code type} has compiled checks (the exact class: every covered type is final).
   *
   * @param type the class of a value
   * @return true when {@link #violations} checks it
   */
  public static boolean covers(Class<?> type) {
    return COVERED.contains(type);
  }

  /**
   * Every constraint {@code value} breaks, unsorted.
   *
   * @param value a value of a covered type
   * @return the violations, empty when valid
   * @throws IllegalArgumentException if its type is not covered
   */
  public static List<Violation> violations(Object value) {
    Out out = new Out();
    if (value instanceof Commitment c) {
      CommitmentChecks.commitment(out, c);
    } else if (value instanceof AllocationState s) {
      StateChecks.state(out, s);
    } else if (value instanceof RecognitionWeights w) {
      DocumentChecks.recognitionWeights(out, w);
    } else if (value instanceof Invitation i) {
      DocumentChecks.invitation(out, i);
    } else if (value instanceof Retirement r) {
      DocumentChecks.retirement(out, r);
    } else if (value instanceof Membership m) {
      DocumentChecks.membership(out, m);
    } else if (value instanceof Slot s) {
      SlotChecks.slot(out, "", s);
    } else if (value instanceof FilterRule f) {
      SlotChecks.filterRule(out, "", f);
    } else if (value instanceof DampingEntry e) {
      CommitmentChecks.dampingEntry(out, "", e);
    } else if (value instanceof ProviderShare p) {
      CommitmentChecks.providerShare(out, "", p);
    } else if (value instanceof SlotDenominators d) {
      StateChecks.denominators(out, "", d);
    } else if (value instanceof SlotAllocation a) {
      StateChecks.allocation(out, "", a);
    } else if (value instanceof ConvergenceEntry e) {
      StateChecks.convergenceEntry(out, "", e);
    } else {
      throw new IllegalArgumentException("no compiled checks for " + value.getClass().getName());
    }
    return out.found();
  }
}
