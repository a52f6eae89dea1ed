package org.allocationcommons.transport.gun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real GUN relay ({@code src/test/gun/relay.js} under Node.js) for interop tests, bound to
 * 127.0.0.1 only. The first use installs the pinned {@code gun} package from
 * {@code package-lock.json} into {@code src/test/gun/node_modules} if it is missing.
 */
public final class GunRelay extends RelayProcess {

  private static boolean installed;

  private final Optional<Path> storage;

  private GunRelay(List<String> command, int port, String ready, Optional<Path> storage) {
    super(gunDirectory(), command, port, "gun-relay", ready);
    this.storage = storage;
  }

  /** The directory holding {@code relay.js}, {@code client.js} and {@code package.json}. */
  public static Path gunDirectory() {
    Path dir = Path.of(System.getProperty("gun.dir", "src/test/gun")).toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("relay.js"))) {
      dir = Path.of("commons-transport-gun/src/test/gun").toAbsolutePath();
    }
    if (!Files.isRegularFile(dir.resolve("relay.js"))) {
      throw new IllegalStateException("cannot find src/test/gun/relay.js from " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Installs the pinned npm packages unless they are already there. */
  public static synchronized void ensureInstalled() {
    if (installed) {
      return;
    }
    Path dir = gunDirectory();
    if (!installedVersionIsPinned(dir)) {
      boolean lock = Files.isRegularFile(dir.resolve("package-lock.json"));
      List<String> command =
          lock
              ? List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
              : List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
      run(dir, command, Duration.ofMinutes(4));
    }
    installed = true;
  }

  /** Whether node_modules holds exactly the gun version package.json pins. */
  private static boolean installedVersionIsPinned(Path dir) {
    Path installed = dir.resolve("node_modules/gun/package.json");
    if (!Files.isRegularFile(installed)) {
      return false;
    }
    var json = tools.jackson.databind.json.JsonMapper.builder().build();
    String pinned = json.readTree(dir.resolve("package.json").toFile()).path("dependencies").path("gun").asString();
    String actual = json.readTree(installed.toFile()).path("version").asString();
    return pinned.equals(actual);
  }

  /** Runs a command in {@code dir}, failing with its output if it does not exit 0 in time. */
  static String run(Path dir, List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      RUNNING.add(p);
      StringBuilder out = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    synchronized (out) {
                      out.append(line).append('\n');
                    }
                  }
                } catch (IOException e) {
                  // process ended
                }
              });
      reader.setDaemon(true);
      reader.start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      reader.join(2000);
      RUNNING.remove(p);
      String text;
      synchronized (out) {
        text = out.toString();
      }
      if (!done || p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " in " + dir + (done ? " exited " + p.exitValue() : " timed out") + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command + " (is Node.js installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /** A free TCP port on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a memory-only relay on a free port, meshed with {@code peers}. */
  public static GunRelay start(URI... peers) {
    return start(freePort(), Optional.empty(), List.of(peers));
  }

  /** Starts a relay storing its data in {@code storage}, on a free port. */
  public static GunRelay startWithStorage(Path storage, URI... peers) {
    return start(freePort(), Optional.of(storage), List.of(peers));
  }

  /** Starts a relay on {@code port} (for restarts), optionally with storage, meshed with {@code peers}. */
  public static GunRelay start(int port, Optional<Path> storage, List<URI> peers) {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", "relay.js", Integer.toString(port)));
    command.add(storage.map(p -> p.toAbsolutePath().toString()).orElse("-"));
    peers.forEach(p -> command.add(p.toString()));
    return launch(command, port, "relay listening " + port, storage);
  }

  /**
   * Starts {@code fake-relay.js}: a WebSocket server that answers every get with malformed frames and
   * then one valid value ({@code "valid after all"} at state 1000).
   */
  public static GunRelay fake() {
    ensureInstalled();
    int port = freePort();
    return launch(
        List.of("node", "fake-relay.js", Integer.toString(port)), port, "fake listening " + port, Optional.empty());
  }

  private static GunRelay launch(List<String> command, int port, String ready, Optional<Path> storage) {
    return new GunRelay(command, port, ready, storage);
  }

  /** The relay's WebSocket endpoint, {@code ws://127.0.0.1:<port>/gun}. */
  public URI url() {
    return URI.create("ws://127.0.0.1:" + port() + "/gun");
  }

  /** Its storage directory, if it has one. */
  public Optional<Path> storage() {
    return storage;
  }
}
