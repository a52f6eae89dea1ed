package org.allocationcommons.sync.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.allocationcommons.itc.Stamp;

/**
 * A node's durable membership state ({@code membership.json}): its current ITC stamp (anonymous
 * until sponsored or after retiring), its sponsor, the sponsor it waits for, whom it invited (and
 * the id it gave each, so a retiring invitee can hand back only what it was given) and whose ids it
 * took back. Written durably before any stamp derived from it leaves the node.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record Membership(
    @JsonProperty("pubKey") @NotBlank String pubKey,
    @JsonProperty("itcStamp") @NotNull Stamp itcStamp,
    @JsonProperty("sponsor") Optional<String> sponsor,
    @JsonProperty("awaiting") Optional<String> awaiting,
    @JsonProperty("invited") List<@NotBlank String> invited,
    @JsonProperty("absorbed") List<@NotBlank String> absorbed,
    @JsonProperty("retired") boolean retired,
    @JsonProperty("granted") Map<String, @NotNull Stamp> granted) {

  /** Null optionals become empty, null lists and maps empty; both are copied. */
  public Membership {
    Objects.requireNonNull(pubKey, "pubKey");
    Objects.requireNonNull(itcStamp, "itcStamp");
    sponsor = sponsor == null ? Optional.empty() : sponsor;
    awaiting = awaiting == null ? Optional.empty() : awaiting;
    invited = invited == null ? List.of() : List.copyOf(invited);
    absorbed = absorbed == null ? List.of() : List.copyOf(absorbed);
    granted = granted == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(granted));
  }

  /** The id this node gave {@code invitee} when inviting it; empty if it never did (or before ids were kept). */
  public Optional<Stamp.Id> grantedTo(String invitee) {
    return Optional.ofNullable(granted.get(invitee)).map(Stamp::id);
  }

  /** A member or reader with this stamp and nothing else. */
  public static Membership of(String pubKey, Stamp stamp) {
    return new Membership(pubKey, stamp, Optional.empty(), Optional.empty(), List.of(), List.of(), false, Map.of());
  }

  /** With another stamp. */
  public Membership withStamp(Stamp s) {
    return new Membership(pubKey, s, sponsor, awaiting, invited, absorbed, retired, granted);
  }

  /** Joined through {@code sponsor} with {@code s}; no longer waiting. */
  public Membership joined(String sponsorKey, Stamp s) {
    return new Membership(pubKey, s, Optional.of(sponsorKey), Optional.empty(), invited, absorbed, false, granted);
  }

  /** Waiting for an invitation from {@code sponsorKey}. */
  public Membership awaiting(String sponsorKey) {
    return new Membership(pubKey, itcStamp, sponsor, Optional.of(sponsorKey), invited, absorbed, retired, granted);
  }

  /** Having invited {@code newcomer} with {@code given} (its half of the fork), keeping {@code s}. */
  public Membership invitedOne(String newcomer, Stamp s, Stamp given) {
    List<String> l = new ArrayList<>(invited);
    if (!l.contains(newcomer)) {
      l.add(newcomer);
    }
    Map<String, Stamp> g = new TreeMap<>(granted);
    g.merge(newcomer, Stamp.of(given.id(), Stamp.Event.ZERO), (a, b) -> a.join(b));
    return new Membership(pubKey, s, sponsor, awaiting, l, absorbed, retired, g);
  }

  /** Having taken back {@code retiree}'s id, ending with {@code s}. */
  public Membership absorbedOne(String retiree, Stamp s) {
    List<String> l = new ArrayList<>(absorbed);
    l.add(retiree);
    return new Membership(pubKey, s, sponsor, awaiting, invited, l, retired, granted);
  }

  /** Retired: anonymous from now on. */
  public Membership retiredWith(Stamp anonymous) {
    return new Membership(pubKey, anonymous, sponsor, Optional.empty(), invited, absorbed, true, granted);
  }
}
