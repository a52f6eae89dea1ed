package org.allocationcommons.sync.document;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Objects;
import org.allocationcommons.itc.Stamp;

/**
 * A retiring member's hand-back of its ITC id (SPEC 2, leave): published, signed by the retiree, at
 * {@code ~<pubKey>/allocation/retirement}. Its sponsor joins {@code itcStamp} into its own stamp,
 * once, so the id space is reused and stays disjoint.
 *
 * @param pubKey the retiring member
 * @param sponsor the member that sponsored it and takes the id back
 * @param itcStamp the retiree's last stamp, with its id
 * @param timestamp epoch milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Retirement(
    @JsonProperty("pubKey") @NotBlank String pubKey,
    @JsonProperty("sponsor") @NotBlank String sponsor,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("timestamp") @Positive long timestamp) {

  /**
   * Requires every part; the stamp must own an id.
   *
   * @param pubKey the retiring participant
   * @param sponsor the sponsor taking its id back
   * @param itcStamp the retiring participant's stamp, with its id
   * @param timestamp publication time, epoch milliseconds
   */
  public Retirement {
    Objects.requireNonNull(pubKey, "pubKey is required");
    Objects.requireNonNull(sponsor, "sponsor is required");
    Objects.requireNonNull(itcStamp, "itcStamp is required");
    if (itcStamp.isAnonymous()) {
      throw new IllegalArgumentException("itcStamp = " + itcStamp + ": a retirement must hand back an id (not 0)");
    }
  }
}
