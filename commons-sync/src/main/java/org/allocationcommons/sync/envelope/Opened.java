package org.allocationcommons.sync.envelope;

import java.util.Objects;
import org.allocationcommons.sync.document.DocumentType;

/**
 * An envelope that passed every check: its path, author (the path's owner and the signer), the
 * validated document, and the exact payload bytes that were signed (for tie-breaks and sizes).
 */
public record Opened(String path, String author, DocumentType type, Object document, byte[] payload) {

  /** Requires every part. */
  public Opened {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(payload, "payload");
  }

  /** The document as {@code type}. */
  public <T> T document(Class<T> type) {
    return type.cast(document);
  }
}
