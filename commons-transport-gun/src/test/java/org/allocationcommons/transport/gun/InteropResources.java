package org.allocationcommons.transport.gun;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the interop tests: a temporary folder, and the relays, transports and nodes a test
 * {@linkplain #keep keeps}, closed after it in reverse order (nodes before their transports, both
 * before the relay).
 */
abstract class InteropResources {

  private final List<AutoCloseable> resources = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  /** Closes {@code resource} after the test; returns it. */
  <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  /** The transports kept so far. */
  List<GunTransport> keptTransports() {
    return resources.stream().filter(GunTransport.class::isInstance).map(GunTransport.class::cast).toList();
  }
}
