package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.spi.TransportProvider;
import org.allocationcommons.sync.spi.Transports;
import org.junit.jupiter.api.Test;

/**
 * With this module's jar on the class path, commons-sync's {@link Transports} entry point finds the
 * {@code gun} provider through {@link java.util.ServiceLoader} (this module's
 * {@code META-INF/services} file), next to commons-sync's own {@code memory} provider.
 */
class GunProviderDiscoveryTest {

  @Test
  void transportsListsGunNextToMemory() {
    assertThat(Transports.providers())
        .extracting(TransportProvider::name)
        .contains("gun", "memory")
        .doesNotHaveDuplicates();
  }

  @Test
  void transportsOpensAGunTransportByName() {
    String peer = "ws://127.0.0.1:" + GunRelay.freePort() + "/gun";
    Transport t = Transports.open("gun", Map.of("peers", peer, "namespace", "discovery-test"));
    try {
      assertThat(t).isInstanceOf(GunTransport.class);
      assertThat(t.name()).isEqualTo("gun");
      assertThat(((GunTransport) t).options().namespace()).isEqualTo("discovery-test");
    } finally {
      t.close();
    }
  }
}
