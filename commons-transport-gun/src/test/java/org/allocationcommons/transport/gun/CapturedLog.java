package org.allocationcommons.transport.gun;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What slf4j-simple (the tests' binding, which writes to the current {@code System.err}) logs
 * while open. Tests in this fork run one at a time, so swapping the stream is safe. A copy of
 * commons-sync's test helper of the same name, so that this module needs no test-jar.
 */
public final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private CapturedLog() {
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  /** Starts capturing. */
  public static CapturedLog start() {
    return new CapturedLog();
  }

  /** Everything logged so far. */
  public synchronized String text() {
    System.err.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Stops capturing and echoes what was captured to the real stream. */
  @Override
  public void close() {
    System.setErr(original);
    original.print(text());
  }
}
