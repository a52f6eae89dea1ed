package org.allocationcommons.transport.gun.internal;

import java.util.Optional;
import java.util.regex.Pattern;
import org.allocationcommons.sync.spi.DocumentPaths;

/**
 * Maps document paths ({@code ~<pubKey>/allocation/<document>}) onto GUN souls
 * ({@code <namespace>/<pubKey>/<document>}) and back.
 *
 * <p>Why not use the path as the soul: a relay that loads SEA (the default {@code gun} server does)
 * rejects every put under a soul starting with {@code ~} unless it carries a SEA signature (ECDSA
 * P-256 over GUN's own canonical form); it answers {@code err: "Unverified data."}. Our documents
 * already carry their author's Ed25519 signature inside the payload, checked by the layer above, so
 * the transport stores them under plain souls that any relay accepts, with or without SEA.
 */
public final class Souls {

  /** A namespace: a plain soul prefix that can never start with {@code ~}. */
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final Pattern PUB_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private Souls() {}

  /**
   * Returns {@code namespace} if it is usable as a soul prefix.
   *
   * @throws IllegalArgumentException naming the value and the rule otherwise
   */
  public static String requireNamespace(String namespace) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(
          "namespace '" + namespace + "' must match " + NAMESPACE.pattern()
              + " (letters, digits, '.', '_', '-'; not starting with '~')");
    }
    return namespace;
  }

  /** The soul that stores the document at {@code path}. */
  public static String soulOf(String namespace, String path) {
    DocumentPaths.requireValid(path);
    String owner = DocumentPaths.owner(path).orElseThrow();
    String document = DocumentPaths.document(path).orElseThrow();
    return namespace + "/" + owner + "/" + document;
  }

  /** The path stored under {@code soul}, or empty if the soul is not one of ours in {@code namespace}. */
  public static Optional<String> pathOf(String namespace, String soul) {
    String prefix = namespace + "/";
    if (!soul.startsWith(prefix)) {
      return Optional.empty();
    }
    String rest = soul.substring(prefix.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String owner = rest.substring(0, slash);
    String document = rest.substring(slash + 1);
    if (!PUB_KEY.matcher(owner).matches()) {
      return Optional.empty();
    }
    String path = "~" + owner + "/allocation/" + document;
    return DocumentPaths.document(path).isPresent() ? Optional.of(path) : Optional.empty();
  }
}
