package org.allocationcommons.core.allocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.allocationcommons.core.matching.Profile;
import org.allocationcommons.core.model.Commitment;

/**
 * Everything one provider's allocation depends on (SPEC 4.3), passed in so that {@link
 * Allocation#compute} is a pure function.
 *
 * @param providerId the provider's pubKey
 * @param providerCommitment its commitment (the capacity slots are divided)
 * @param mrValues mutual recognition of the provider with each participant, in [0, 1]
 * @param providerWeights the provider's recognition weights, in [0, 1]
 * @param networkCommitments fresh commitments of the network by pubKey (the caller filters out stale
 *     ones); the provider's own entry, if present, is ignored
 * @param profiles attributes and certifications for attribute/certification filter rules; a
 *     participant without an entry has {@link Profile#NONE}
 */
public record AllocationInput(
    String providerId,
    Commitment providerCommitment,
    Map<String, Double> mrValues,
    Map<String, Double> providerWeights,
    Map<String, Commitment> networkCommitments,
    Map<String, Profile> profiles) {

  /**
   * Requires every part; maps are copied (null becomes empty).
   *
   * @param providerId the provider's pubKey
   * @param providerCommitment the provider's own commitment, with its capacity slots
   * @param mrValues the provider's mutual recognition with each participant, by pubKey
   * @param providerWeights the provider's recognition weights, by pubKey
   * @param networkCommitments the other participants' commitments, by pubKey
   * @param profiles participant profiles by pubKey, for attribute and certification filters
   */
  public AllocationInput {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(providerCommitment, "providerCommitment");
    mrValues = copy(mrValues);
    providerWeights = copy(providerWeights);
    networkCommitments = copy(networkCommitments);
    profiles = copy(profiles);
  }

  /**
   * An input without participant profiles.
   *
   * @param providerId the provider's pubKey
   * @param providerCommitment the provider's own commitment, with its capacity slots
   * @param mrValues the provider's mutual recognition with each participant, by pubKey
   * @param providerWeights the provider's recognition weights, by pubKey
   * @param networkCommitments the other participants' commitments, by pubKey
   * @return the input, with no profiles
   */
  public static AllocationInput of(
      String providerId,
      Commitment providerCommitment,
      Map<String, Double> mrValues,
      Map<String, Double> providerWeights,
      Map<String, Commitment> networkCommitments) {
    return new AllocationInput(
        providerId, providerCommitment, mrValues, providerWeights, networkCommitments, Map.of());
  }

  /**
   * This input with participant profiles for attribute and certification rules.
   *
   * @param profiles participant profiles by pubKey
   * @return a copy of this input with these profiles
   */
  public AllocationInput withProfiles(Map<String, Profile> profiles) {
    return new AllocationInput(
        providerId, providerCommitment, mrValues, providerWeights, networkCommitments, profiles);
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
