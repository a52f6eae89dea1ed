package org.allocationcommons.core.matching;

import java.util.Objects;
import org.allocationcommons.core.model.Slot;

/**
 * What a filter rule is evaluated against: the counterpart ("subject") and the slot owner's view of
 * it. For a capacity slot's rule the subject is the recipient and its need slot; for a need slot's
 * rule the subject is the provider and its capacity slot.
 *
 * @param subjectPubKey the counterpart
 * @param mutualRecognition MR between the slot owner and the subject (0 when none)
 * @param subjectSlot the counterpart's slot (city, country, coordinates, resource type)
 * @param ownerSlot the slot carrying the rule (reference point of {@code max_distance_km})
 * @param subjectProfile the counterpart's attributes and certifications
 */
public record FilterContext(
    String subjectPubKey,
    double mutualRecognition,
    Slot subjectSlot,
    Slot ownerSlot,
    Profile subjectProfile) {

  /**
   * Requires every part; a null profile is {@link Profile#NONE}.
   *
   * @param subjectPubKey the participant the rule is about
   * @param mutualRecognition the rule owner's MR with the subject
   * @param subjectSlot the subject's slot in the pair
   * @param ownerSlot the rule owner's slot in the pair
   * @param subjectProfile the subject's attributes and certifications
   */
  public FilterContext {
    Objects.requireNonNull(subjectPubKey, "subjectPubKey");
    Objects.requireNonNull(subjectSlot, "subjectSlot");
    Objects.requireNonNull(ownerSlot, "ownerSlot");
    subjectProfile = subjectProfile == null ? Profile.NONE : subjectProfile;
  }
}
