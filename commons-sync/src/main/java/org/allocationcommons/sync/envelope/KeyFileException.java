package org.allocationcommons.sync.envelope;

import java.nio.file.Path;

/** A key file that cannot be loaded or saved: names the file and what is wrong with it. */
public final class KeyFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /**
   * The file and the problem, as "must ..." or "does not ...".
   *
   * @param file the key file
   * @param problem what is wrong, as "must ..." or "does not ..."
   */
  public KeyFileException(Path file, String problem) {
    super("key file " + file + ": " + problem);
    this.file = file;
  }

  /**
   * The same, with the underlying failure.
   *
   * @param file the key file
   * @param problem what is wrong, as "must ..." or "does not ..."
   * @param cause the underlying failure
   */
  public KeyFileException(Path file, String problem, Throwable cause) {
    super("key file " + file + ": " + problem, cause);
    this.file = file;
  }

  /**
   * The key file.
   *
   * @return the key file
   */
  public Path file() {
    return file;
  }
}
