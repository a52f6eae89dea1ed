package org.allocationcommons.core.model;

import static org.allocationcommons.core.validation.Messages.MAX;
import static org.allocationcommons.core.validation.Messages.MIN;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.allocationcommons.core.validation.BoundedSum;
import org.allocationcommons.core.validation.Finite;
import org.allocationcommons.itc.Stamp;

/**
 * A participant's published declaration: what it can give ({@code capacity_slots}), what it needs
 * ({@code need_slots}), whom it recognises ({@code recognition_weights}, shares in [0, 1] whose sum
 * is not constrained), its causality stamp and its damping state.
 *
 * <p>The recipient's residual-need report (ours, SPEC 4.4; ignored by the original) travels in two
 * optional maps: {@code received_by_provider}, what each provider's latest state gives this
 * participant in total, and {@code need_slot_reports}, per need slot and provider what that
 * provider's latest state offers and gives it ({@link ProviderShare}). Providers cap this
 * participant's need slots by them (see {@code org.allocationcommons.core.settling.Settling}); both
 * empty means no report.
 *
 * <p>Collections are never null (absent means empty) and keep their order; an absent {@code
 * damping_factor} is 1.0. Build one with {@link #builder(String)}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Commitment(
    @JsonProperty("pubKey") @NotBlank String pubKey,
    @JsonProperty("capacity_slots") @BoundedSum List<@NotNull @Valid AvailabilitySlot> capacitySlots,
    @JsonProperty("need_slots") @BoundedSum List<@NotNull @Valid NeedSlot> needSlots,
    @JsonProperty("recognition_weights")
        Map<@NotBlank String, @NotNull @Finite @DecimalMin(value = "0", message = MIN) @DecimalMax(value = "1", message = MAX) Double>
            recognitionWeights,
    @JsonProperty("mr_values")
        Map<@NotBlank String, @NotNull @Finite @DecimalMin(value = "0", message = MIN) @DecimalMax(value = "1", message = MAX) Double> mrValues,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("timestamp") @Positive long timestamp,
    @JsonProperty("damping_factor") @NotNull @Finite @DecimalMin(value = "0", message = MIN) @DecimalMax(value = "1", message = MAX)
        Double dampingFactor,
    @JsonProperty("damping_history") List<@NotNull @Valid DampingEntry> dampingHistory,
    @JsonProperty("received_by_provider") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<@NotBlank String, @NotNull @Finite @PositiveOrZero @DecimalMax(value = Limits.MAX_GIVEN_TEXT, message = MAX) Double> receivedByProvider,
    @JsonProperty("need_slot_reports") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        Map<@NotBlank String, @NotNull Map<@NotBlank String, @NotNull @Valid ProviderShare>> needSlotReports) {

  /** The damping factor used when a commitment does not state one. */
  public static final double DEFAULT_DAMPING_FACTOR = 1.0;

  /**
   * Requires pubKey and stamp; null collections become empty, a null damping factor 1.0.
   *
   * @param pubKey the participant's public key: who commits
   * @param capacitySlots what the participant offers
   * @param needSlots what the participant needs
   * @param recognitionWeights this participant's recognition of others, by pubKey, in [0, 1]
   * @param mrValues the published mutual recognition values, by pubKey
   * @param itcStamp the causality stamp of this publication
   * @param timestamp publication time, epoch milliseconds
   * @param dampingFactor the recipient-side damping factor, in [0, 1]
   * @param dampingHistory recent over-allocations the factor is computed from
   * @param receivedByProvider residual-need report: what each provider gives in total
   * @param needSlotReports residual-need report: per need slot, what each provider offers and gives
   */
  public Commitment {
    Objects.requireNonNull(pubKey, "pubKey is required");
    Objects.requireNonNull(itcStamp, "itcStamp is required");
    capacitySlots = Copies.list(capacitySlots, "capacity_slots");
    needSlots = Copies.list(needSlots, "need_slots");
    recognitionWeights = Copies.map(recognitionWeights, "recognition_weights");
    mrValues = Copies.map(mrValues, "mr_values");
    dampingFactor = dampingFactor == null ? DEFAULT_DAMPING_FACTOR : dampingFactor;
    dampingHistory = Copies.list(dampingHistory, "damping_history");
    receivedByProvider = Copies.map(receivedByProvider, "received_by_provider");
    needSlotReports = Copies.nestedMap(needSlotReports, "need_slot_reports");
  }

  /**
   * A builder for this participant's commitment. Defaults: no slots, no weights, timestamp 0 (set
   * one: validation requires &gt; 0), damping factor 1.0, and an anonymous empty stamp ({@code
   * Stamp.seed().peek()}), which is fine for computing but must be replaced by the participant's own
   * stamp before publishing.
   *
   * @param pubKey the participant's public key
   * @return a builder with the defaults above
   */
  public static Builder builder(String pubKey) {
    return new Builder(pubKey);
  }

  /**
   * A builder initialised with every field of this commitment.
   *
   * @return a builder holding this commitment's fields
   */
  public Builder toBuilder() {
    Builder b = new Builder(pubKey);
    b.capacitySlots.addAll(capacitySlots);
    b.needSlots.addAll(needSlots);
    b.recognitionWeights.putAll(recognitionWeights);
    b.mrValues.putAll(mrValues);
    b.itcStamp = itcStamp;
    b.timestamp = timestamp;
    b.dampingFactor = dampingFactor;
    b.dampingHistory.addAll(dampingHistory);
    b.receivedByProvider.putAll(receivedByProvider);
    b.needSlotReports.putAll(needSlotReports);
    return b;
  }

  /**
   * Sum of the quantities of the need slots: the need this participant states.
   *
   * @return the summed need quantity
   */
  public double statedNeed() {
    double sum = 0;
    for (NeedSlot n : needSlots) {
      sum += n.quantity();
    }
    return sum;
  }

  /**
   * Whether some capacity slot has a positive quantity.
   *
   * @return true when some capacity slot has a positive quantity
   */
  public boolean hasCapacity() {
    for (AvailabilitySlot a : capacitySlots) {
      if (a.quantity() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some need slot has a positive quantity.
   *
   * @return true when some need slot has a positive quantity
   */
  public boolean hasNeeds() {
    for (NeedSlot n : needSlots) {
      if (n.quantity() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * This commitment with another timestamp and stamp (what a publisher changes).
   *
   * @param stamp the new causality stamp
   * @param timestamp the new publication time, epoch milliseconds
   * @return a copy with these two fields replaced
   */
  public Commitment stamped(Stamp stamp, long timestamp) {
    return toBuilder().itcStamp(stamp).timestamp(timestamp).build();
  }

  /**
   * This commitment with another damping state (what the recipient-side damping changes).
   *
   * @param factor the new damping factor, in [0, 1]
   * @param history the new damping history
   * @return a copy with the damping state replaced
   */
  public Commitment withDamping(double factor, List<DampingEntry> history) {
    return toBuilder().dampingFactor(factor).dampingHistory(history).build();
  }

  /**
   * Whether this commitment carries a residual-need report (SPEC 4.4).
   *
   * @return true when received_by_provider or need_slot_reports is not empty
   */
  public boolean hasReport() {
    return !receivedByProvider.isEmpty() || !needSlotReports.isEmpty();
  }

  /**
   * This commitment with another residual-need report (what the recipient side publishes).
   *
   * @param receivedByProvider what each provider gives in total, by pubKey
   * @param needSlotReports per need slot id, what each provider offers and gives
   * @return a copy with the report replaced
   */
  public Commitment withReport(
      Map<String, Double> receivedByProvider, Map<String, Map<String, ProviderShare>> needSlotReports) {
    return toBuilder().report(receivedByProvider, needSlotReports).build();
  }

  /** Fluent, mutable builder of {@link Commitment}. */
  public static final class Builder {
    private final String pubKey;
    private final List<AvailabilitySlot> capacitySlots = new ArrayList<>();
    private final List<NeedSlot> needSlots = new ArrayList<>();
    private final Map<String, Double> recognitionWeights = new LinkedHashMap<>();
    private final Map<String, Double> mrValues = new LinkedHashMap<>();
    private Stamp itcStamp = Stamp.seed().peek();
    private long timestamp;
    private double dampingFactor = DEFAULT_DAMPING_FACTOR;
    private final List<DampingEntry> dampingHistory = new ArrayList<>();
    private final Map<String, Double> receivedByProvider = new LinkedHashMap<>();
    private final Map<String, Map<String, ProviderShare>> needSlotReports = new LinkedHashMap<>();

    private Builder(String pubKey) {
      this.pubKey = Objects.requireNonNull(pubKey, "pubKey");
    }

    /**
     * Adds capacity slots, in order.
     *
     * @param slots the capacity slots to append
     * @return this builder
     */
    public Builder capacitySlot(AvailabilitySlot... slots) {
      capacitySlots.addAll(List.of(slots));
      return this;
    }

    /**
     * Replaces the capacity slots.
     *
     * @param slots the new capacity slots
     * @return this builder
     */
    public Builder capacitySlots(List<AvailabilitySlot> slots) {
      capacitySlots.clear();
      capacitySlots.addAll(slots);
      return this;
    }

    /**
     * Adds need slots, in order.
     *
     * @param slots the need slots to append
     * @return this builder
     */
    public Builder needSlot(NeedSlot... slots) {
      needSlots.addAll(List.of(slots));
      return this;
    }

    /**
     * Replaces the need slots.
     *
     * @param slots the new need slots
     * @return this builder
     */
    public Builder needSlots(List<NeedSlot> slots) {
      needSlots.clear();
      needSlots.addAll(slots);
      return this;
    }

    /**
     * Sets this participant's recognition weight for {@code other} (a share in [0, 1]).
     *
     * @param other the pubKey recognised
     * @param weight the share of recognition, in [0, 1]
     * @return this builder
     */
    public Builder recognize(String other, double weight) {
      recognitionWeights.put(other, weight);
      return this;
    }

    /**
     * Replaces the recognition weights.
     *
     * @param weights recognition weights by pubKey, in [0, 1]
     * @return this builder
     */
    public Builder recognitionWeights(Map<String, Double> weights) {
      recognitionWeights.clear();
      recognitionWeights.putAll(weights);
      return this;
    }

    /**
     * Replaces the published MR values.
     *
     * @param values MR values by pubKey, in [0, 1]
     * @return this builder
     */
    public Builder mrValues(Map<String, Double> values) {
      mrValues.clear();
      mrValues.putAll(values);
      return this;
    }

    /**
     * Sets the causality stamp.
     *
     * @param stamp the causality stamp
     * @return this builder
     */
    public Builder itcStamp(Stamp stamp) {
      this.itcStamp = Objects.requireNonNull(stamp, "itcStamp");
      return this;
    }

    /**
     * Sets the publication time, epoch milliseconds (&gt; 0).
     *
     * @param epochMillis the publication time, &gt; 0
     * @return this builder
     */
    public Builder timestamp(long epochMillis) {
      this.timestamp = epochMillis;
      return this;
    }

    /**
     * Sets the damping factor, in [0, 1].
     *
     * @param factor the damping factor, in [0, 1]
     * @return this builder
     */
    public Builder dampingFactor(double factor) {
      this.dampingFactor = factor;
      return this;
    }

    /**
     * Replaces the damping history.
     *
     * @param history the recent over-allocations
     * @return this builder
     */
    public Builder dampingHistory(List<DampingEntry> history) {
      dampingHistory.clear();
      dampingHistory.addAll(history);
      return this;
    }

    /**
     * Replaces the residual-need report: what each provider gives in total, and per need slot what
     * each provider offers and gives (SPEC 4.4).
     *
     * @param receivedByProvider what each provider gives in total, by pubKey
     * @param needSlotReports per need slot id, what each provider offers and gives
     * @return this builder
     */
    public Builder report(
        Map<String, Double> receivedByProvider, Map<String, Map<String, ProviderShare>> needSlotReports) {
      this.receivedByProvider.clear();
      this.receivedByProvider.putAll(receivedByProvider);
      this.needSlotReports.clear();
      this.needSlotReports.putAll(needSlotReports);
      return this;
    }

    /**
     * The immutable commitment.
     *
     * @return the commitment with the fields set so far
     */
    public Commitment build() {
      return new Commitment(
          pubKey,
          capacitySlots,
          needSlots,
          recognitionWeights,
          mrValues,
          itcStamp,
          timestamp,
          dampingFactor,
          dampingHistory,
          receivedByProvider,
          needSlotReports);
    }
  }
}
