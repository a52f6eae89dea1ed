package org.allocationcommons.sync.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.allocationcommons.sync.NodeListener;
import org.allocationcommons.sync.envelope.Envelopes;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.OversizedEnvelopeException;
import org.allocationcommons.sync.spi.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals and publishes a node's documents: only once the stamp they carry is durable (SPEC 7,
 * "Durability"), never above the size limit ("Size"), and remembering the last envelope at each
 * path so its echo is recognised without a signature check. Used on the node's scheduler only.
 */
public final class Publisher {

  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  private final Identity identity;
  private final Envelopes envelopes;
  private final Transport transport;
  private final OwnDocuments own;
  private final NodeListener listener;
  private final Map<String, byte[]> lastSent = new HashMap<>();
  private long published;
  private long publishedBytes;
  private long refused;
  private boolean storageFailing;

  public Publisher(Identity identity, Envelopes envelopes, Transport transport, OwnDocuments own, NodeListener listener) {
    this.identity = identity;
    this.envelopes = envelopes;
    this.transport = transport;
    this.own = own;
    this.listener = listener;
  }

  /**
   * Seals {@code document} and publishes it at {@code path}, after making the node's own documents
   * durable.
   *
   * @return whether it was published: false when storage failed (nothing carrying a stamp that is
   *     not on disk may leave) or the envelope would exceed the size limit
   */
  public boolean publish(String path, Object document) {
    if (!own.durableNow()) {
      String why = "storage failed, the stamp would not be durable: "
          + own.failure().map(Throwable::getMessage).orElse("a write is pending");
      if (!storageFailing) {
        log.error("{}: not publishing until storage works again; {}", identity.pubKey(), why);
      }
      storageFailing = true;
      refuse(path, why);
      return false;
    }
    if (storageFailing) {
      log.info("{}: storage works again; publishing resumes", identity.pubKey());
      storageFailing = false;
    }
    byte[] bytes;
    try {
      bytes = envelopes.seal(identity, path, document);
    } catch (OversizedEnvelopeException e) {
      log.error("{}: not publishing {}: {}", identity.pubKey(), path, e.getMessage());
      refuse(path, e.getMessage());
      return false;
    }
    return send(path, bytes);
  }

  /** Publishes the envelope last published at {@code path} again (a heartbeat repeat), if any. */
  public boolean repeat(String path) {
    byte[] bytes = lastSent.get(path);
    return bytes != null && send(path, bytes);
  }

  private boolean send(String path, byte[] bytes) {
    lastSent.put(path, bytes);
    try {
      transport.publish(path, bytes)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  log.warn("{}: publish of {} failed: {}", identity.pubKey(), path, e.toString());
                }
              });
    } catch (RuntimeException e) {
      log.warn("{}: publish of {} failed: {}", identity.pubKey(), path, e.toString());
      return false;
    }
    published++;
    publishedBytes += bytes.length;
    listener.published(path, bytes.length);
    return true;
  }

  private void refuse(String path, String why) {
    refused++;
    listener.publicationRefused(path, why);
  }

  /** Whether {@code payload} is the envelope this node last published at {@code path}. */
  public boolean isEcho(String path, byte[] payload) {
    return Arrays.equals(payload, lastSent.get(path));
  }

  public long published() {
    return published;
  }

  public long publishedBytes() {
    return publishedBytes;
  }

  /** Publications refused (storage failing, oversized). */
  public long refused() {
    return refused;
  }

  /** Whether the last attempt found storage failing. */
  public boolean storageFailing() {
    return storageFailing;
  }
}
