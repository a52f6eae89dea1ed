package org.allocationcommons.sync.spi;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The document paths of a commons: {@code ~<pubKey>/allocation/<document>}, where {@code pubKey} is
 * the author's Ed25519 public key in unpadded base64url and {@code document} is one of
 * {@link #COMMITMENT}, {@link #ALLOCATION_STATE} or {@link #RECOGNITION_WEIGHTS}, or one of the
 * membership documents of the sponsored-join handshake: {@link #RETIREMENT} and
 * {@code invitation.<newcomerPubKey>} (see {@link #invitation(String, String)}).
 */
public final class DocumentPaths {

  /** Document name of a participant's commitment. */
  public static final String COMMITMENT = "commitment";
  /** Document name of a provider's allocation state. */
  public static final String ALLOCATION_STATE = "allocationState";
  /** Document name of a participant's recognition weights. */
  public static final String RECOGNITION_WEIGHTS = "recognitionWeights";
  /** Document name of a retiring member's hand-back of its ITC id to its sponsor. */
  public static final String RETIREMENT = "retirement";
  /** Prefix of the document name of a sponsor's invitation: {@code invitation.<newcomerPubKey>}. */
  public static final String INVITATION_PREFIX = "invitation.";

  private static final Pattern PATH =
      Pattern.compile("~([A-Za-z0-9_-]{1,128})/allocation/"
              + "(commitment|allocationState|recognitionWeights|retirement|invitation\\.[A-Za-z0-9_-]{1,128})");

  private DocumentPaths() {}

  /**
   * The path of {@code document} published by {@code pubKey}.
   *
   * @param pubKey the author's public key
   * @param document the document name
   * @return the path
   */
  public static String of(String pubKey, String document) {
    return requireValid("~" + pubKey + "/allocation/" + document);
  }

  /**
   * The path of the invitation {@code sponsor} publishes for {@code newcomer}.
   *
   * @param sponsor the sponsor's public key
   * @param newcomer the invited participant's public key
   * @return the path
   */
  public static String invitation(String sponsor, String newcomer) {
    return of(sponsor, INVITATION_PREFIX + newcomer);
  }

  /**
   * The author's public key named by a valid path, or empty if the path is not valid.
   *
   * @param path a document path
   * @return the author's public key, or empty for an invalid path
   */
  public static Optional<String> owner(String path) {
    var m = PATH.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * The document name of a valid path, or empty if the path is not valid.
   *
   * @param path a document path
   * @return the document name, or empty for an invalid path
   */
  public static Optional<String> document(String path) {
    var m = PATH.matcher(path);
    return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
  }

  /**
   * Returns {@code path} if it is a valid document path.
   *
   * @param path the path to check
   * @return {@code path}
   * @throws IllegalArgumentException naming the path and the expected form otherwise
   */
  public static String requireValid(String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "path '" + path + "' is not of the form ~<pubKey>/allocation/"
              + "(commitment|allocationState|recognitionWeights|retirement|invitation.<pubKey>)");
    }
    return path;
  }
}
