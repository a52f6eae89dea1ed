package org.allocationcommons.sync.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * commons-sync alone (no transport plugin on the class path): only {@code memory} is installed, and
 * asking for {@code gun} says what is installed and where {@code gun} lives.
 */
class TransportsTest {

  @Test
  void onlyTheMemoryProviderComesWithCommonsSync() {
    assertThat(Transports.providers()).extracting(TransportProvider::name).containsExactly("memory");
    assertThat(Transports.provider("gun")).isEmpty();
  }

  @Test
  void gunWithoutItsPluginIsAClearErrorListingTheInstalledProviders() {
    assertThatThrownBy(() -> Transports.open("gun", Map.of("peers", "ws://127.0.0.1:8765/gun")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no transport provider named 'gun'; installed: [memory]")
        .hasMessageContaining("org.allocationcommons:commons-transport-gun");
  }

  /** A provider only the context class loader can see (as an application server arranges it). */
  public static final class ContextOnly implements TransportProvider {
    @Override
    public String name() {
      return "context-only";
    }

    @Override
    public Transport open(Map<String, String> options) {
      return org.allocationcommons.sync.memory.MemoryNetwork.create().transport();
    }
  }

  /** A second plugin claiming {@code memory}. */
  public static final class AnotherMemory implements TransportProvider {
    @Override
    public String name() {
      return "memory";
    }

    @Override
    public Transport open(Map<String, String> options) {
      throw new AssertionError("never chosen");
    }
  }

  @Test
  void theContextClassLoadersPluginsAreFoundEachOnce() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tccl");
    java.nio.file.Path services = dir.resolve("META-INF/services");
    java.nio.file.Files.createDirectories(services);
    java.nio.file.Files.writeString(services.resolve(TransportProvider.class.getName()), ContextOnly.class.getName() + "\n");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (java.net.URLClassLoader tccl = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, Transports.class.getClassLoader())) {
      Thread.currentThread().setContextClassLoader(tccl);
      assertThat(Transports.providers()).extracting(TransportProvider::name).containsExactly("memory", "context-only");
      assertThat(Transports.provider("context-only")).isPresent();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    assertThat(Transports.provider("context-only")).isEmpty();
  }

  @Test
  void twoPluginsClaimingOneNameAreAnErrorNamingBoth() {
    java.util.List<TransportProvider> both = java.util.List.of(Transports.provider("memory").orElseThrow(), new AnotherMemory());
    assertThatThrownBy(() -> Transports.unique("memory", both))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'memory' is claimed by 2 plugins")
        .hasMessageContaining(AnotherMemory.class.getName())
        .hasMessageContaining("MemoryTransportProvider");
    assertThat(Transports.unique("memory", both.subList(0, 1))).isPresent();
  }
}
