package org.allocationcommons.sync.persist;

import java.nio.file.Path;

/**
 * A stored file that cannot be loaded or written: names the file, the kind of problem and what
 * exactly is wrong. Never a silent reset: the node refuses to start (or to publish) instead.
 */
public final class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kinds of storage problem. */
  public enum Problem {
    /** The file's integrity check fails, or its header is damaged or truncated. */
    CORRUPT,
    /** The file has no integrity header (an earlier format, or not written by this SDK). */
    NO_HEADER,
    /** The file belongs to another identity. */
    WRONG_OWNER,
    /** The file holds another document than its name says (e.g. a renamed file). */
    WRONG_DOCUMENT,
    /** The file is intact but its document fails validation. */
    INVALID_DOCUMENT,
    /** The file is larger than anything this node writes or reads. */
    OVERSIZED,
    /** The file is absent while other files of its folder exist. */
    MISSING,
    /** The file cannot be read (I/O error, permissions). */
    UNREADABLE,
    /** A durable write (or delete) of the file failed: what was set is not on disk. */
    WRITE_FAILED
  }

  /** What is wrong with the file. */
  private final Problem problem;
  private final transient Path file;

  /**
   * {@code "stored file <file>: <detail>"}.
   *
   * @param problem the kind of problem
   * @param file the file concerned
   * @param detail what went wrong
   * @param cause the underlying failure
   */
  public StorageException(Problem problem, Path file, String detail, Throwable cause) {
    super("stored file " + file + ": " + detail, cause);
    this.problem = problem;
    this.file = file;
  }

  /**
   * The same without an underlying failure.
   *
   * @param problem the kind of problem
   * @param file the file concerned
   * @param detail what went wrong
   */
  public StorageException(Problem problem, Path file, String detail) {
    this(problem, file, detail, null);
  }

  /**
   * The kind of problem.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /**
   * The file.
   *
   * @return the file concerned
   */
  public Path file() {
    return file;
  }
}
