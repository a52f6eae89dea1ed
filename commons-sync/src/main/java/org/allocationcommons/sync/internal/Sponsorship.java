package org.allocationcommons.sync.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.document.Retirement;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.envelope.RejectionCounter;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's membership side: founding, joining with an invitation, inviting (forking its ITC id),
 * retiring (handing the id back) and taking back a retired invitee's id, on the node's durable
 * {@link Membership}. Runs on the node's scheduler; the node reacts to what it reports (resubscribe,
 * publish again).
 */
public final class Sponsorship {

  private static final Logger log = LoggerFactory.getLogger(Sponsorship.class);

  private final String me;
  private final OwnDocuments own;
  private final Publisher publisher;
  private final RejectionCounter rejections;
  private final LongSupplier nowMillis;

  public Sponsorship(String me, OwnDocuments own, Publisher publisher, RejectionCounter rejections, LongSupplier nowMillis) {
    this.me = me;
    this.own = own;
    this.publisher = publisher;
    this.rejections = rejections;
    this.nowMillis = nowMillis;
  }

  /**
   * Sets up the membership from storage or from the builder's choice, and makes it durable.
   *
   * @throws IllegalArgumentException if {@code storage} belongs to another identity
   */
  public void init(Optional<Path> storage, boolean founder, Optional<Invitation> invitation, Optional<String> awaitFrom,
      boolean readOnly) {
    Optional<Membership> stored = own.membership().get();
    if (stored.isPresent() && !stored.get().pubKey().equals(me)) {
      throw new IllegalArgumentException(
          "storage " + storage.map(Path::toString).orElse("(none)") + " belongs to " + stored.get().pubKey() + ", not to " + me);
    }
    Membership m =
        stored.orElseGet(
            () -> {
              if (founder) {
                return Membership.of(me, Stamp.seed());
              }
              Membership reader = Membership.of(me, Stamp.seed().peek());
              return awaitFrom.map(reader::awaiting).orElse(reader);
            });
    if (invitation.isPresent() && m.itcStamp().isAnonymous()) {
      m = m.joined(invitation.get().sponsor(), invitation.get().itcStamp().join(m.itcStamp().peek()));
    } else if (invitation.isPresent()) {
      log.info("{} already owns an id {}; ignoring invitation from {}", me, m.itcStamp(), invitation.get().sponsor());
    }
    if (stored.isEmpty() && !founder && invitation.isEmpty() && awaitFrom.isEmpty() && !readOnly) {
      log.warn("{}: not a member and waiting for no invitation, so it will read but never publish;"
          + " build it with founder(), joinWith(invitation) or awaitInvitationFrom(sponsor), or readOnly()", me);
    }
    own.membership().set(Optional.of(m.withStamp(own.recovered(m.itcStamp()))));
    own.membership().flushNow();
  }

  /**
   * Forks this node's id, keeps the left half, records the right one as given to {@code newcomer}
   * and publishes the invitation carrying it.
   *
   * @throws IllegalStateException if this node owns no id or the invitation could not be published
   */
  public Invitation invite(String newcomer) {
    Membership m = own.member();
    if (m.itcStamp().isAnonymous()) {
      throw new IllegalStateException(me + " owns no ITC id (not sponsored, or retired): cannot invite");
    }
    Stamp.Fork f = m.itcStamp().fork();
    own.membership().set(Optional.of(m.invitedOne(newcomer, f.left(), f.right())));
    Invitation inv = new Invitation(me, newcomer, f.right(), nowMillis.getAsLong());
    if (!publisher.publish(DocumentPaths.invitation(me, newcomer), inv)) {
      throw new IllegalStateException(me + " could not publish the invitation of " + newcomer
          + ": " + own.failure().map(Throwable::getMessage).orElse("refused"));
    }
    return inv;
  }

  /**
   * Becomes anonymous, handing the id back to the sponsor in a published {@link Retirement} (a
   * founder simply gives it up).
   *
   * @throws IllegalStateException if this node owns no id
   */
  public void retire() {
    Membership m = own.member();
    if (m.itcStamp().isAnonymous()) {
      throw new IllegalStateException(me + " owns no ITC id: nothing to retire");
    }
    Stamp last = m.itcStamp();
    own.membership().set(Optional.of(m.retiredWith(last.peek())));
    if (m.sponsor().isPresent()) {
      publisher.publish(
          DocumentPaths.of(me, DocumentPaths.RETIREMENT), new Retirement(me, m.sponsor().get(), last, nowMillis.getAsLong()));
    } else {
      own.durableNow();
    }
  }

  /** Joins with {@code inv} if it is for this node, which waits for it (or for any sponsor); whether it did. */
  public boolean accept(Invitation inv) {
    Membership m = own.member();
    if (!inv.newcomer().equals(me) || !m.itcStamp().isAnonymous() || m.retired()) {
      return false;
    }
    if (m.awaiting().isPresent() && !m.awaiting().get().equals(inv.sponsor())) {
      return false;
    }
    own.membership().set(Optional.of(m.joined(inv.sponsor(), inv.itcStamp().join(m.itcStamp().peek()))));
    own.durableNow();
    log.info("{}: joined the commons, sponsored by {}", me, inv.sponsor());
    return true;
  }

  /**
   * Takes back the id a retired invitee hands back, once, and only if it is within the id this node
   * gave it (anything else would make this node own another participant's interval twice: counted
   * as {@link Rejection#UNGRANTED_ID}); whether it did.
   */
  public boolean absorb(String path, Retirement r) {
    Membership m = own.member();
    if (!r.sponsor().equals(me) || m.absorbed().contains(r.pubKey()) || !m.invited().contains(r.pubKey())
        || m.itcStamp().isAnonymous()) {
      return false;
    }
    Optional<Stamp.Id> given = m.grantedTo(r.pubKey());
    if (given.isEmpty() || !given.get().covers(r.itcStamp().id())) {
      log.warn("{}: refused the retirement of {}: the ITC id it hands back is not within {}",
          me, r.pubKey(), given.map(id -> "the one it was given").orElse("any id on record for it"));
      rejections.recordDrop(Rejection.UNGRANTED_ID, path);
      return false;
    }
    try {
      own.membership().set(Optional.of(m.absorbedOne(r.pubKey(), m.itcStamp().join(r.itcStamp()))));
      own.durableNow();
      log.info("{}: took back the id of retired {}", me, r.pubKey());
      return true;
    } catch (IllegalArgumentException e) {
      log.error("{}: cannot take back the id of {}: {}", me, r.pubKey(), e.getMessage());
      return false;
    }
  }
}
