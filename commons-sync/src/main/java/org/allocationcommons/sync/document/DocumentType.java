package org.allocationcommons.sync.document;

import java.util.Optional;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.itc.Stamp;
import org.allocationcommons.sync.spi.DocumentPaths;

/**
 * The kinds of document a commons exchanges, with their Java type, their causality stamp and the
 * field naming their author (which must be the path's owner and the signer).
 */
public enum DocumentType {
  /** {@code commitment}: a {@link Commitment}. */
  COMMITMENT(Commitment.class),
  /** {@code allocationState}: an {@link AllocationState} (no author field; the signer is the author). */
  ALLOCATION_STATE(AllocationState.class),
  /** {@code recognitionWeights}: {@link RecognitionWeights}. */
  RECOGNITION_WEIGHTS(RecognitionWeights.class),
  /** {@code invitation.<newcomer>}: an {@link Invitation}, authored by the sponsor. */
  INVITATION(Invitation.class),
  /** {@code retirement}: a {@link Retirement}. */
  RETIREMENT(Retirement.class);

  private final Class<?> javaType;

  DocumentType(Class<?> javaType) {
    this.javaType = javaType;
  }

  /**
   * The record the document binds to.
   *
   * @return the record class
   */
  public Class<?> javaType() {
    return javaType;
  }

  /**
   * The type of the document at a valid {@code path}, or empty for an invalid path.
   *
   * @param path a document path
   * @return the document type, or empty for an invalid path
   */
  public static Optional<DocumentType> ofPath(String path) {
    return DocumentPaths.document(path).map(DocumentType::ofName);
  }

  private static DocumentType ofName(String document) {
    if (document.startsWith(DocumentPaths.INVITATION_PREFIX)) {
      return INVITATION;
    }
    return switch (document) {
      case DocumentPaths.COMMITMENT -> COMMITMENT;
      case DocumentPaths.ALLOCATION_STATE -> ALLOCATION_STATE;
      case DocumentPaths.RECOGNITION_WEIGHTS -> RECOGNITION_WEIGHTS;
      case DocumentPaths.RETIREMENT -> RETIREMENT;
      default -> throw new IllegalArgumentException("document '" + document + "' has no type");
    };
  }

  /**
   * The author a document names in its own fields, if its type has such a field.
   *
   * @param document a document of any known type
   * @return the author it names, or empty if its type names none
   */
  public static Optional<String> namedAuthor(Object document) {
    if (document instanceof Commitment c) {
      return Optional.of(c.pubKey());
    } else if (document instanceof RecognitionWeights w) {
      return Optional.of(w.pubKey());
    } else if (document instanceof Invitation i) {
      return Optional.of(i.sponsor());
    } else if (document instanceof Retirement r) {
      return Optional.of(r.pubKey());
    }
    return Optional.empty();
  }

  /**
   * The causality stamp carried by a document of any type.
   *
   * @param document a document of any known type
   * @return its stamp
   */
  public static Stamp stampOf(Object document) {
    if (document instanceof Commitment c) {
      return c.itcStamp();
    } else if (document instanceof AllocationState s) {
      return s.itcStamp();
    } else if (document instanceof RecognitionWeights w) {
      return w.itcStamp();
    } else if (document instanceof Invitation i) {
      return i.itcStamp();
    } else if (document instanceof Retirement r) {
      return r.itcStamp();
    }
    throw new IllegalArgumentException("not a commons document: " + document.getClass().getName());
  }

  /**
   * The publication time (epoch ms) carried by a document of any type.
   *
   * @param document a document of any known type
   * @return its publication time, epoch milliseconds
   */
  public static long timestampOf(Object document) {
    if (document instanceof Commitment c) {
      return c.timestamp();
    } else if (document instanceof AllocationState s) {
      return s.timestamp();
    } else if (document instanceof RecognitionWeights w) {
      return w.timestamp();
    } else if (document instanceof Invitation i) {
      return i.timestamp();
    } else if (document instanceof Retirement r) {
      return r.timestamp();
    }
    throw new IllegalArgumentException("not a commons document: " + document.getClass().getName());
  }
}
