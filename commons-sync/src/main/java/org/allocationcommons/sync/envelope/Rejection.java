package org.allocationcommons.sync.envelope;

/** Why an incoming envelope was refused before reaching any store. */
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
  /** The signature does not verify against the author's key. */
  BAD_SIGNATURE,
  /** The document fails the model's constraints (NaN, negative quantity, weight outside [0, 1]...). */
  INVALID_DOCUMENT
}
