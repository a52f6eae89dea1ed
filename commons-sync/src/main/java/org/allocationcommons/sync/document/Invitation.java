package org.allocationcommons.sync.document;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Objects;
import org.allocationcommons.itc.Stamp;

/**
 * A sponsor's invitation of a newcomer into a commons (sponsored join, SPEC 2): the half of the
 * sponsor's ITC stamp that the newcomer now owns. Published, signed by the sponsor, at {@code
 * ~<sponsor>/allocation/invitation.<newcomer>}; a node may also be built with it directly.
 *
 * @param sponsor the inviting member's pubKey
 * @param newcomer the invited participant's pubKey
 * @param itcStamp the newcomer's stamp: an id disjoint from every other member's, the sponsor's
 *     history
 * @param timestamp epoch milliseconds of the invitation
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Invitation(
    @JsonProperty("sponsor") @NotBlank String sponsor,
    @JsonProperty("newcomer") @NotBlank String newcomer,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("timestamp") @Positive long timestamp) {

  /**
   * Requires every part; the stamp must own an id.
   *
   * @param sponsor the sponsor's public key
   * @param newcomer the invited participant's public key
   * @param itcStamp the stamp handed to the newcomer: half of the sponsor's id
   * @param timestamp publication time, epoch milliseconds
   */
  public Invitation {
    Objects.requireNonNull(sponsor, "sponsor is required");
    Objects.requireNonNull(newcomer, "newcomer is required");
    Objects.requireNonNull(itcStamp, "itcStamp is required");
    if (itcStamp.isAnonymous()) {
      throw new IllegalArgumentException("itcStamp = " + itcStamp + ": an invitation must hand over an id (not 0)");
    }
  }
}
