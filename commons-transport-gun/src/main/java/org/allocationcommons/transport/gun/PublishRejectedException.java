package org.allocationcommons.transport.gun;

/** Completes a publish that a relay refused: the message carries the relay's {@code err} text. */
public final class PublishRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * A refusal of the document at {@code path} by {@code peer} with the relay's {@code err}.
   *
   * @param path the path of the refused document
   * @param peer the URL of the relay that refused it
   * @param err the relay's error text, as sent
   */
  public PublishRejectedException(String path, String peer, String err) {
    super("relay " + peer + " rejected the document at " + path + ": " + err);
  }
}
