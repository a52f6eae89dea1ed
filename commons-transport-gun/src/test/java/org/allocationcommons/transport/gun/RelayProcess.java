package org.allocationcommons.transport.gun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@link GunRelay} and {@link HolsterRelay} share: a relay's Node.js process, started in a
 * folder, its output collected line by line until it prints the line saying it listens, and stopped
 * by process (SIGTERM, then SIGKILL after 5 s; SIGKILL for every one still running at JVM exit).
 */
abstract class RelayProcess implements AutoCloseable {

  /** Every process these helpers started and have not seen exit. */
  static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "relay-reaper"));
  }

  private final Process process;
  private final int port;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  /** Starts {@code command} in {@code dir} and waits up to 20 s for it to print {@code ready}. */
  RelayProcess(Path dir, List<String> command, int port, String name, String ready) {
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node (is Node.js installed?)", e);
    }
    RUNNING.add(process);
    this.port = port;
    CountDownLatch listening = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  output.add(line);
                  if (line.equals(ready)) {
                    listening.countDown();
                  }
                }
              } catch (IOException e) {
                // process ended
              }
            },
            name + "-" + port + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!listening.await(20, TimeUnit.SECONDS)) {
        close();
        throw new IllegalStateException(name + " on port " + port + " did not start: " + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted starting " + name, e);
    }
  }

  /** The relay's WebSocket endpoint. */
  public abstract URI url();

  /** The port it listens on. */
  public final int port() {
    return port;
  }

  /** The process id, for logs. */
  public final long pid() {
    return process.pid();
  }

  /** What the relay printed so far. */
  public final List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** Kills the relay abruptly (SIGKILL), as a crash would. */
  public final void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** Stops the relay: SIGTERM, then SIGKILL if it has not exited within 5 s. */
  @Override
  public final void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    waitForExit();
  }

  private void waitForExit() {
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RUNNING.remove(process);
  }
}
