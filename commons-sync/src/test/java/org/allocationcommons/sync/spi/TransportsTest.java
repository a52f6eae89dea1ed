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
}
