package org.allocationcommons.sync.document;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.allocationcommons.core.validation.Finite;
import org.allocationcommons.itc.Stamp;

/**
 * The document at {@code ~<pubKey>/allocation/recognitionWeights}: a participant's recognition
 * weights (shares in [0, 1] by pubKey) with the causality stamp and time they were published at, so
 * that receivers can order them like every other document.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RecognitionWeights(
    @JsonProperty("pubKey") @NotBlank String pubKey,
    @JsonProperty("weights")
        Map<@NotBlank String, @NotNull @Finite @DecimalMin("0") @DecimalMax("1") Double> weights,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("timestamp") @Positive long timestamp) {

  /**
   * Requires pubKey and stamp; a null map becomes empty; the map is copied in order.
   *
   * @param pubKey the participant whose weights these are
   * @param weights recognition weights by pubKey, in [0, 1]
   * @param itcStamp the causality stamp of this publication
   * @param timestamp publication time, epoch milliseconds
   */
  public RecognitionWeights {
    Objects.requireNonNull(pubKey, "pubKey is required");
    Objects.requireNonNull(itcStamp, "itcStamp is required");
    weights = weights == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }
}
