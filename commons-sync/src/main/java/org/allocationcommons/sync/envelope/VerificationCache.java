package org.allocationcommons.sync.envelope;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allocationcommons.sync.envelope.internal.Digest;

/**
 * Remembers signatures already verified, so that one document delivered to many nodes of one JVM
 * (a simulation) is verified once: an opt-in for {@link Envelopes#withVerificationCache}, shared by
 * as many {@link Envelopes} as wanted. Each entry is the SHA-256 of (key, signature, signed bytes);
 * only successful verifications are remembered, the least recently used is forgotten beyond the
 * bound. Opening still checks everything else (path, author, binding, document) per node.
 * Thread-safe.
 *
 * <p>A normal node does not need one: its {@code InboundGuard} already drops repeated deliveries
 * before verifying them.
 */
public final class VerificationCache {

  /** A default bound: about 6 MB of entries. */
  public static final int DEFAULT_MAX_ENTRIES = 65_536;

  private final int maxEntries;
  private final Map<Digest, Boolean> verified;
  private long hits;
  private long misses;

  private VerificationCache(int maxEntries) {
    this.maxEntries = maxEntries;
    this.verified =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Digest, Boolean> eldest) {
            return size() > VerificationCache.this.maxEntries;
          }
        };
  }

  /**
   * A cache of at most {@code maxEntries} verified signatures.
   *
   * @param maxEntries the most signatures remembered
   * @return the cache
   * @throws IllegalArgumentException unless {@code maxEntries >= 1}
   */
  public static VerificationCache bounded(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries = " + maxEntries + ": must be at least 1");
    }
    return new VerificationCache(maxEntries);
  }

  /**
   * {@link Identity#verify}, answered from the cache when this exact (key, data, signature) has
   * verified before.
   *
   * @param pubKey the signer's public key
   * @param data the signed bytes
   * @param signature the signature to check
   * @return true when the signature is valid
   */
  public boolean verify(String pubKey, byte[] data, byte[] signature) {
    Digest key = Digest.of(pubKey.getBytes(StandardCharsets.UTF_8), new byte[] {0}, signature, data);
    synchronized (this) {
      if (verified.get(key) != null) {
        hits++;
        return true;
      }
      misses++;
    }
    boolean ok = Identity.verify(pubKey, data, signature);
    if (ok) {
      synchronized (this) {
        verified.put(key, Boolean.TRUE);
      }
    }
    return ok;
  }

  /**
   * How many verifications were answered from the cache.
   *
   * @return the number of cache hits
   */
  public synchronized long hits() {
    return hits;
  }

  /**
   * How many verifications were computed.
   *
   * @return the number of cache misses
   */
  public synchronized long misses() {
    return misses;
  }

  /**
   * How many verified signatures are remembered now.
   *
   * @return the number of signatures remembered
   */
  public synchronized int size() {
    return verified.size();
  }

  /**
   * The bound.
   *
   * @return the most signatures remembered
   */
  public int maxEntries() {
    return maxEntries;
  }
}
