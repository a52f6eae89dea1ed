package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.allocationcommons.sync.spi.Transports;
import org.junit.jupiter.api.Test;

class GunOptionsTest {

  @Test
  void readsEveryOptionAndDefaultsTheRest() {
    GunOptions o =
        GunOptions.parse(
            Map.of(
                "peers", "ws://127.0.0.1:8765/gun, wss://relay.example/gun",
                "ackTimeout", "750ms",
                "backoffMax", "PT30S",
                "resubscribeEvery", "0",
                "connectTimeout", "2s",
                "namespace", "test-ns"));
    assertThat(o.peers()).containsExactly(URI.create("ws://127.0.0.1:8765/gun"), URI.create("wss://relay.example/gun"));
    assertThat(o.ackTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(o.backoffMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.backoffInitial()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.resubscribeEvery()).isZero();
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.namespace()).isEqualTo("test-ns");
    assertThat(GunOptions.parse(Map.of("peers", "ws://h/gun")).namespace()).isEqualTo("allocation-commons");
  }

  @Test
  void rejectsUnknownMissingAndMalformedOptionsNamingThem() {
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun", "peer", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown gun transport option 'peer'");
    assertThatThrownBy(() -> GunOptions.parse(Map.of())).hasMessageContaining("'peers' is required");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "http://h/gun"))).hasMessageContaining("'http://h/gun' must be a ws://");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun,"))).hasMessageContaining("empty URL");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun", "ackTimeout", "soon")))
        .hasMessageContaining("option 'ackTimeout' value 'soon' is not a duration");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun", "ackTimeout", "0")))
        .hasMessageContaining("ackTimeout PT0S must be a positive duration");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun", "backoffInitial", "20s")))
        .hasMessageContaining("must not exceed backoffMax");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun", "namespace", "~sea")))
        .hasMessageContaining("namespace '~sea'");
    assertThatThrownBy(() -> GunOptions.parse(Map.of("peers", "ws://h/gun", "maxFrameChars", "ten")))
        .hasMessageContaining("'maxFrameChars' value 'ten' is not an integer");
  }

  @Test
  void theProviderIsAServiceLoaderPluginNamedGun() {
    assertThat(Transports.provider("gun")).get().isInstanceOf(GunTransportProvider.class);
    assertThatThrownBy(() -> Transports.open("gun", Map.of("bogus", "1"))).hasMessageContaining("'bogus'");
  }
}
