package org.allocationcommons.sync.envelope;

/**
 * Thrown by {@link Envelopes#seal} instead of producing an envelope larger than the codec's size
 * limit, which every peer would reject: names the path, the size and the limit.
 */
public final class OversizedEnvelopeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The path the document was to be sealed for. */
  private final String path;
  /** The envelope's size in bytes. */
  private final long size;
  /** The codec's limit in bytes. */
  private final long limit;

  /**
   * The envelope for {@code path} would have {@code size} bytes, more than {@code limit}.
   *
   * @param path the document path
   * @param size the size the envelope would have, in bytes
   * @param limit the codec's limit, in bytes
   */
  public OversizedEnvelopeException(String path, long size, long limit) {
    super("the envelope for " + path + " would have " + size + " bytes: must be at most " + limit
        + " bytes (the codec's maxDocumentBytes), or every peer would reject it");
    this.path = path;
    this.size = size;
    this.limit = limit;
  }

  /**
   * The path the document was to be sealed for.
   *
   * @return the document path
   */
  public String path() {
    return path;
  }

  /**
   * The size the envelope would have had, in bytes.
   *
   * @return the envelope size, in bytes
   */
  public long size() {
    return size;
  }

  /**
   * The codec's limit, in bytes.
   *
   * @return the limit, in bytes
   */
  public long limit() {
    return limit;
  }
}
