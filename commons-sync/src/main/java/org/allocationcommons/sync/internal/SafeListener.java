package org.allocationcommons.sync.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.allocationcommons.sync.ConvergenceStatus;
import org.allocationcommons.sync.NodeListener;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.spi.Connectivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A host's {@link NodeListener} isolated: a listener that throws is logged and counted, never felt by the node. */
public final class SafeListener implements NodeListener {

  private static final Logger log = LoggerFactory.getLogger(SafeListener.class);

  private final NodeListener delegate;
  private final AtomicLong failures;

  public SafeListener(NodeListener delegate, AtomicLong failures) {
    this.delegate = delegate;
    this.failures = failures;
  }

  private void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      log.warn("a node listener failed (ignored)", e);
    }
  }

  @Override
  public void connectivityChanged(Connectivity previous, Connectivity current) {
    guard(() -> delegate.connectivityChanged(previous, current));
  }

  @Override
  public void documentRejected(String path, Rejection reason, String detail) {
    guard(() -> delegate.documentRejected(path, reason, detail));
  }

  @Override
  public void published(String path, int bytes) {
    guard(() -> delegate.published(path, bytes));
  }

  @Override
  public void publicationRefused(String path, String reason) {
    guard(() -> delegate.publicationRefused(path, reason));
  }

  @Override
  public void convergenceChanged(ConvergenceStatus status) {
    guard(() -> delegate.convergenceChanged(status));
  }
}
