package org.allocationcommons.transport.gun;

/**
 * Fails a publish whose frame would exceed the relay's frame limit (Holster: 1 MiB), refused before
 * sending: the relay would answer {@code {"error":"Message too large"}} and drop it.
 */
public final class FrameTooLargeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String path;
  private final long bytes;
  private final long limit;

  /** The document at {@code path} would need a frame of {@code bytes} UTF-8 bytes, above {@code limit}. */
  public FrameTooLargeException(String path, long bytes, long limit) {
    super("the document at " + path + " needs a frame of " + bytes + " bytes, above the relay's limit of "
        + limit + " bytes (payload too large: base64 adds a third)");
    this.path = path;
    this.bytes = bytes;
    this.limit = limit;
  }

  /** The document's path. */
  public String path() {
    return path;
  }

  /** The size of the frame it would need, in UTF-8 bytes. */
  public long bytes() {
    return bytes;
  }

  /** The relay's limit, in bytes. */
  public long limit() {
    return limit;
  }
}
