package org.allocationcommons.sync.envelope;

import java.util.Objects;
import org.allocationcommons.sync.document.DocumentType;

/**
 * An envelope that passed every check: its path, author (the path's owner and the signer), the
 * validated document, and the exact payload bytes that were signed (for tie-breaks and sizes).
 */
public record Opened(String path, String author, DocumentType type, Object document, byte[] payload) {

  /**
   * Requires every part.
   *
   * @param path the path the envelope was delivered at
   * @param author the signer's public key
   * @param type the document type the path names
   * @param document the decoded, validated document
   * @param payload the signed document bytes
   */
  public Opened {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * The document as {@code type}.
   *
   * @param <T> the expected type
   * @param type the expected document class
   * @return the document cast to {@code type}
   */
  public <T> T document(Class<T> type) {
    return type.cast(document);
  }
}
