package org.allocationcommons.transport.gun;

import java.time.Duration;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.testkit.transport.TransportContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The GUN transport keeps the plugin contract, through one real GUN relay. */
@Tag("interop")
class GunTransportContractTest extends TransportContract {

  private static GunRelay relay;

  @BeforeAll
  static void startRelay() {
    relay = GunRelay.start();
  }

  @AfterAll
  static void stopRelay() {
    relay.close();
  }

  @Override
  protected Transport open() {
    return GunTransport.open(
        GunOptions.peers(relay.url()).withAckTimeout(Duration.ofMillis(500)).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)));
  }
}
