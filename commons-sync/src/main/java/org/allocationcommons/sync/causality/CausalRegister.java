package org.allocationcommons.sync.causality;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.allocationcommons.itc.Stamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last accepted version of each participant's document of one kind, maintained by the causality
 * rules of SPEC 2: a first version is accepted; a stale one (stamp {@code leq} the known one, equal
 * included) is ignored; a newer one replaces it; a concurrent one is resolved deterministically
 * (higher {@code timestamp} wins, then the lexicographically higher SHA-256 of the payload bytes), and
 * every such conflict is logged with both sides and counted, so none is lost silently. Not
 * thread-safe: confine it to the owner's scheduler.
 *
 * @param <T> the document type
 */
public final class CausalRegister<T> {

  private static final Logger log = LoggerFactory.getLogger(CausalRegister.class);

  /** What {@link #offer} did with a document. */
  public enum Outcome {
    /** First version seen from this participant: accepted. */
    ACCEPTED_FIRST,
    /** Causally newer than the known version: accepted. */
    ACCEPTED_NEWER,
    /** Concurrent with the known version and won the tie-break: accepted. */
    ACCEPTED_CONCURRENT,
    /** Stale (older than or equal to the known version): ignored. */
    IGNORED_STALE,
    /** Concurrent and lost the tie-break: ignored (logged and counted). */
    IGNORED_CONCURRENT;

    /**
     * Whether the document replaced the known one.
     *
     * @return true when the document replaced the known one
     */
    public boolean accepted() {
      return this == ACCEPTED_FIRST || this == ACCEPTED_NEWER || this == ACCEPTED_CONCURRENT;
    }
  }

  private record Entry<T>(T document, Stamp stamp, long timestamp, String hash) {}

  private final String kind;
  private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
  private long accepted;
  private long stale;
  private long concurrent;

  private CausalRegister(String kind) {
    this.kind = kind;
  }

  /**
   * An empty register; {@code kind} names the document kind in logs.
   *
   * @param <T> the document type
   * @param kind the document kind, for logs
   * @return the empty register
   */
  public static <T> CausalRegister<T> named(String kind) {
    return new CausalRegister<>(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Offers {@code author}'s document with its stamp, publication time and signed payload bytes.
   *
   * @param author the author's pubKey
   * @param document the decoded document
   * @param stamp the document's causality stamp
   * @param timestamp its publication time, epoch milliseconds
   * @param payload the signed payload bytes, for tie-breaking concurrent documents
   * @return what was done; when {@link Outcome#accepted()}, the caller merges {@code stamp.peek()}
   *     into its own stamp
   */
  public Outcome offer(String author, T document, Stamp stamp, long timestamp, byte[] payload) {
    Entry<T> known = entries.get(author);
    Entry<T> incoming = new Entry<>(document, stamp, timestamp, sha256(payload));
    Outcome outcome;
    if (known == null) {
      outcome = Outcome.ACCEPTED_FIRST;
    } else {
      outcome =
          switch (Order.of(known.stamp, stamp)) {
            case STALE -> Outcome.IGNORED_STALE;
            case NEWER -> Outcome.ACCEPTED_NEWER;
            case CONCURRENT -> wins(incoming, known) ? Outcome.ACCEPTED_CONCURRENT : Outcome.IGNORED_CONCURRENT;
          };
    }
    switch (outcome) {
      case IGNORED_STALE -> stale++;
      case ACCEPTED_CONCURRENT, IGNORED_CONCURRENT -> {
        concurrent++;
        Entry<T> winner = outcome == Outcome.ACCEPTED_CONCURRENT ? incoming : known;
        Entry<T> loser = outcome == Outcome.ACCEPTED_CONCURRENT ? known : incoming;
        log.warn(
            "concurrent {} versions from {}: kept {} (t={}, sha256={}), discarded {} (t={}, sha256={})",
            kind, author, winner.stamp, winner.timestamp, winner.hash, loser.stamp, loser.timestamp, loser.hash);
      }
      default -> { }
    }
    if (outcome.accepted()) {
      accepted++;
      entries.put(author, incoming);
    }
    return outcome;
  }

  /**
   * The tie-break between concurrent versions: higher timestamp, then higher payload hash. Equal
   * hashes mean equal payloads, which is not a conflict: the known one stays.
   */
  static boolean wins(Entry<?> incoming, Entry<?> known) {
    if (incoming.timestamp != known.timestamp) {
      return incoming.timestamp > known.timestamp;
    }
    return incoming.hash.compareTo(known.hash) > 0;
  }

  /**
   * The accepted document of {@code author}.
   *
   * @param author the author's pubKey
   * @return the document, or empty if none was accepted
   */
  public Optional<T> get(String author) {
    Entry<T> e = entries.get(author);
    return e == null ? Optional.empty() : Optional.of(e.document);
  }

  /**
   * The accepted stamp of {@code author}.
   *
   * @param author the author's pubKey
   * @return the stamp, or empty if no document was accepted
   */
  public Optional<Stamp> stampOf(String author) {
    Entry<T> e = entries.get(author);
    return e == null ? Optional.empty() : Optional.of(e.stamp);
  }

  /**
   * Every accepted document by author, in first-accepted order (an unmodifiable copy).
   *
   * @return the accepted documents by author
   */
  public Map<String, T> snapshot() {
    Map<String, T> m = new LinkedHashMap<>();
    entries.forEach((k, v) -> m.put(k, v.document));
    return Collections.unmodifiableMap(m);
  }

  /**
   * Forgets {@code author}'s document.
   *
   * @param author the author's pubKey
   */
  public void remove(String author) {
    entries.remove(author);
  }

  /**
   * Documents accepted so far.
   *
   * @return the number of accepted documents
   */
  public long acceptedCount() {
    return accepted;
  }

  /**
   * Stale documents ignored so far.
   *
   * @return the number of stale documents ignored
   */
  public long staleCount() {
    return stale;
  }

  /**
   * Concurrent conflicts resolved so far (won or lost).
   *
   * @return the number of concurrent conflicts resolved
   */
  public long concurrentCount() {
    return concurrent;
  }

  /**
   * Lowercase hex SHA-256 of {@code bytes}.
   *
   * @param bytes the bytes to hash
   * @return the digest, 64 hex digits
   */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK provides no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "CausalRegister[" + kind + ", " + entries.size() + " authors]";
  }
}
