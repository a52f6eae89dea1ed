package org.allocationcommons.transport.gun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Holster relay for interop tests, bound to 127.0.0.1 only.
 *
 * <p>Holster is not on npm, so its sources are read from {@code shared/third-party/holster-<version>}
 * beside the repository root or beside the nearest of its ancestors that has it (or from the folder
 * named by the system property {@code holster.sources} or the environment variable {@code HOLSTER_SOURCES}, which holds the {@code holster-<version>}
 * folders). When that folder is absent (on a user's machine), {@link #requireSources()} skips the
 * calling test with a JUnit assumption that says where it looked.
 *
 * <p>The first start of a version in a JVM copies its folder to a temporary directory and runs
 * {@code npm install --omit=dev} there; nothing is installed into the sources. The relay is started
 * with our own {@code src/test/holster/relay.mjs} copied into that directory (an http server on 127.0.0.1 handed to
 * {@code Holster({server, file})}), and stopped by process: SIGTERM, then SIGKILL after 5 s, and
 * SIGKILL on JVM exit.
 */
public final class HolsterRelay extends RelayProcess {

  /** The version the original design ran on. */
  public static final String V1 = "1.0.21";

  /** The current version (its rate limit is 1,500 frames a minute; the dialect keeps to 1.0.21's 1,000). */
  public static final String V2 = "2.1.4";

  private static final Map<String, Path> INSTALLED = new HashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (INSTALLED) {
                    INSTALLED.values().forEach(HolsterRelay::deleteTree);
                  }
                },
                "holster-copies-reaper"));
  }

  private final String version;
  private final Path storage;

  private HolsterRelay(Path dir, List<String> command, String version, int port, Path storage, String ready) {
    super(dir, command, port, "Holster " + version, ready);
    this.version = version;
    this.storage = storage;
  }

  /** Our start script for a Holster relay, {@code src/test/holster/relay.mjs}. */
  static Path startScript() {
    Path script = Path.of("src/test/holster/relay.mjs").toAbsolutePath();
    if (!Files.isRegularFile(script)) {
      script = Path.of("commons-transport-gun/src/test/holster/relay.mjs").toAbsolutePath();
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("cannot find src/test/holster/relay.mjs from " + Path.of("").toAbsolutePath());
    }
    return script;
  }

  /** Where the {@code holster-<version>} folders are looked for (they may be absent). */
  public static Path sourcesRoot() {
    String configured = System.getProperty("holster.sources");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("HOLSTER_SOURCES");
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    // The repository root is the folder holding the module; the sources sit beside the repository,
    // or beside one of its ancestors (a clone made in a subfolder of the checkout's parent).
    Path dir = Path.of("").toAbsolutePath();
    Path root = null;
    for (Path p = dir; p != null && root == null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("commons-transport-gun")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        root = p;
      }
    }
    Path beside = (root == null ? dir.resolve("../..") : root.resolve("..")).normalize().resolve("shared/third-party");
    for (Path p = beside.getParent().getParent(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/third-party");
      if (Files.isDirectory(candidate) && hasAnyHolster(candidate)) {
        return candidate;
      }
    }
    return beside;
  }

  private static boolean hasAnyHolster(Path dir) {
    return Files.isRegularFile(dir.resolve("holster-" + V1 + "/src/holster.js"))
        || Files.isRegularFile(dir.resolve("holster-" + V2 + "/src/holster.js"));
  }

  /** Skips the calling test (JUnit assumption) unless Holster {@code version}'s sources are present. */
  public static Path requireSources(String version) {
    Path dir = sourcesRoot().resolve("holster-" + version);
    Assumptions.assumeTrue(
        Files.isRegularFile(dir.resolve("src/holster.js")) && Files.isRegularFile(dir.resolve("package.json")),
        "Holster " + version + " sources not found at " + dir
            + " (set -Dholster.sources or HOLSTER_SOURCES to the folder holding holster-" + version
            + "); skipping the Holster interop test");
    return dir;
  }

  /** Copies the sources of {@code version} to a temporary directory and installs its dependencies, once per JVM. */
  static Path install(String version) {
    Path sources = requireSources(version);
    synchronized (INSTALLED) {
      Path done = INSTALLED.get(version);
      if (done != null) {
        return done;
      }
      try {
        Path dir = Files.createTempDirectory("holster-" + version + "-");
        copyTree(sources, dir);
        GunRelay.run(
            dir,
            List.of("npm", "install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"),
            java.time.Duration.ofMinutes(4));
        Files.copy(startScript(), dir.resolve("relay.mjs"));
        INSTALLED.put(version, dir);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare Holster " + version, e);
      }
    }
  }

  /** Starts Holster {@code version} on a free port, storing its data in {@code storage}. */
  public static HolsterRelay start(String version, Path storage) {
    return start(version, GunRelay.freePort(), storage);
  }

  /** Starts Holster {@code version} on {@code port} (for restarts), storing its data in {@code storage}. */
  public static HolsterRelay start(String version, int port, Path storage) {
    return start(version, port, storage, 0);
  }

  /**
   * Starts Holster {@code version} on {@code port}, storing its data in {@code storage}, refusing
   * frames above {@code maxMessageSize} bytes (its option of that name; 0 keeps its 1 MiB default).
   */
  public static HolsterRelay start(String version, int port, Path storage, int maxMessageSize) {
    Path dir = install(version);
    List<String> command =
        List.of(
            "node", "relay.mjs", Integer.toString(port), storage.toAbsolutePath().toString(),
            Integer.toString(maxMessageSize));
    return launch(dir, command, version, port, storage, "holster listening " + port);
  }

  /**
   * Runs {@code script} (an ES module of the test's own, given the port as its first argument, which
   * must print {@code fake holster listening <port>} when ready) in Holster {@code version}'s
   * installed copy, where {@code ws} is available: a scripted relay for behaviour a real one shows
   * only under load, such as throttling.
   */
  public static HolsterRelay fake(String version, String name, String script) {
    Path dir = install(version);
    try {
      Files.writeString(dir.resolve(name), script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = GunRelay.freePort();
    return launch(dir, List.of("node", name, Integer.toString(port)), version, port, dir, "fake holster listening " + port);
  }

  private static HolsterRelay launch(
      Path dir, List<String> command, String version, int port, Path storage, String ready) {
    return new HolsterRelay(dir, command, version, port, storage, ready);
  }

  /** The relay's WebSocket endpoint, {@code ws://127.0.0.1:<port>/} (Holster accepts any path). */
  public URI url() {
    return URI.create("ws://127.0.0.1:" + port() + "/");
  }

  /** Its version. */
  public String version() {
    return version;
  }

  /** Its storage directory. */
  public Optional<Path> storage() {
    return Optional.of(storage);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
        target.toFile().setWritable(true, true); // the shared copy is read-only
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at JVM exit
    }
  }
}
