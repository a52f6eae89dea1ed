package org.allocationcommons.sync.envelope;

/** Why an incoming envelope was refused (or dropped) before reaching any store. */
public enum Rejection {
  /** Larger than the codec's size limit. */
  OVERSIZED,
  /** Not a well-formed envelope (bad JSON, missing or mistyped envelope fields, too deep). */
  MALFORMED,
  /** The envelope's path is not a commons path, or not the path it was delivered at. */
  WRONG_PATH,
  /**
   * The signer is not the owner of the path, or the document names another author (its {@code
   * pubKey}/{@code sponsor} field).
   */
  WRONG_AUTHOR,
  /**
   * The author's key is not a valid participant key ({@link PubKeys}): not canonical, not a point,
   * or of small order (such a key "signs" every document).
   */
  INVALID_KEY,
  /** The signature is not the author's canonical Ed25519 signature of path and payload. */
  BAD_SIGNATURE,
  /** The document fails the model's constraints (NaN, negative quantity, weight outside [0, 1]...). */
  INVALID_DOCUMENT,
  /**
   * The same bytes were delivered at the same path recently: dropped after hashing them, before any
   * signature check (a replay costs a hash, not a verification).
   */
  DUPLICATE,
  /** The path's owner used up its inbound budget (bytes or deliveries per second): dropped unread. */
  RATE_LIMITED,
  /**
   * The document's {@code timestamp} is further ahead of the receiver's clock than the allowed skew
   * (default 5 minutes): nobody stays "fresh" by lying about time. Not remembered, so the same
   * document is accepted once the receiver's clock has caught up.
   */
  FUTURE_TIMESTAMP,
  /**
   * A retirement hands its sponsor back an ITC id that is not within the id the sponsor gave it:
   * taking it would make the sponsor own another participant's interval twice.
   */
  UNGRANTED_ID
}
