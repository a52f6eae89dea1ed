package org.allocationcommons.testkit.cli.internal;

/** Bad command-line arguments or bad input: the command prints the message and exits with code 2. */
public final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  /** An error whose message says what was wrong and what is expected. */
  public UsageException(String message) {
    super(message);
  }

  /** An error caused by {@code cause}, for example a parse failure. */
  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
