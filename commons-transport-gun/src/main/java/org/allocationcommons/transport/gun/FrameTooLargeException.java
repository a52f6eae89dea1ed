package org.allocationcommons.transport.gun;

/**
 * Fails a publish whose frame would exceed the relay's frame limit (Holster: 1 MiB), refused before
 * sending: the relay would answer {@code {"error":"Message too large"}} and drop it.
 */
public final class FrameTooLargeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The path of the document that was not sent. */
  private final String path;
  /** The UTF-8 size of the frame the document would need. */
  private final long bytes;
  /** The relay's frame limit in UTF-8 bytes. */
  private final long limit;

  /**
   * The document at {@code path} would need a frame of {@code bytes} UTF-8 bytes, above {@code limit}.
   *
   * @param path the document's path
   * @param bytes the size of the frame it would need, in UTF-8 bytes
   * @param limit the relay's frame limit, in UTF-8 bytes
   */
  public FrameTooLargeException(String path, long bytes, long limit) {
    super("the document at " + path + " needs a frame of " + bytes + " bytes, above the relay's limit of "
        + limit + " bytes (payload too large: base64 adds a third)");
    this.path = path;
    this.bytes = bytes;
    this.limit = limit;
  }

  /**
   * The document that was not sent.
   *
   * @return the document's path
   */
  public String path() {
    return path;
  }

  /**
   * The size of the frame the document would need.
   *
   * @return the size in UTF-8 bytes
   */
  public long bytes() {
    return bytes;
  }

  /**
   * The relay's frame limit.
   *
   * @return the limit in UTF-8 bytes
   */
  public long limit() {
    return limit;
  }
}
