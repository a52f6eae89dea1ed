package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.spi.TransportProvider;
import org.allocationcommons.sync.spi.Transports;
import org.junit.jupiter.api.Test;

/** The {@code holster} provider and the parts of the Holster dialect that need no relay. */
class HolsterDialectTest {

  private static String nowhere() {
    return "ws://127.0.0.1:" + GunRelay.freePort() + "/";
  }

  @Test
  void transportsFindsHolsterNextToGun() {
    assertThat(Transports.providers())
        .extracting(TransportProvider::name)
        .contains("gun", "holster", "memory")
        .doesNotHaveDuplicates();
    Transport t = Transports.open("holster", Map.of("peers", nowhere(), "framesPerMinute", "600"));
    try {
      assertThat(t).isInstanceOf(GunTransport.class);
      assertThat(t.name()).isEqualTo("holster");
      assertThat(((GunTransport) t).dialect().isHolster()).isTrue();
      assertThat(((GunTransport) t).dialect().framesPerMinute()).isEqualTo(600);
    } finally {
      t.close();
    }
  }

  @Test
  void holsterOptionsAreValidated() {
    assertThatThrownBy(() -> Transports.open("holster", Map.of("peers", nowhere(), "batch", "yes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown holster transport option 'batch'")
        .hasMessageContaining("framesPerMinute");
    assertThatThrownBy(() -> Transports.open("holster", Map.of("peers", nowhere(), "framesPerMinute", "1001")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("framesPerMinute")
        .hasMessageContaining("1001");
    assertThatThrownBy(() -> Transports.open("holster", Map.of("peers", nowhere(), "framesPerMinute", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an integer");
  }

  @Test
  void aFrameAboveOneMebibyteIsRefusedLocallyNamingPathAndSize() {
    GunTransport t =
        GunTransport.open(GunOptions.peers(URI.create(nowhere())), java.time.Clock.systemUTC(), Dialect.holster());
    try {
      String path = DocumentPaths.of("bigKey", DocumentPaths.COMMITMENT);
      byte[] payload = new byte[800 * 1024]; // base64: 1,092,268 chars
      var stage = t.publish(path, payload).toCompletableFuture();
      assertThatThrownBy(stage::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(FrameTooLargeException.class)
          .hasMessageContaining(path)
          .hasMessageContaining("1048576");
      FrameTooLargeException e = (FrameTooLargeException) stage.handle((v, x) -> x.getCause() == null ? x : x.getCause()).join();
      assertThat(e.bytes()).isGreaterThan(1_092_268);
      assertThat(e.path()).isEqualTo(path);
      // a payload that fits is accepted (it stays pending: nothing listens)
      assertThat(t.publish(path, new byte[700 * 1024]).toCompletableFuture().isCompletedExceptionally()).isFalse();
    } finally {
      t.close();
    }
  }

  @Test
  void gunHasNoFrameLimit() {
    GunTransport t = GunTransport.open(GunOptions.peers(URI.create(nowhere())));
    try {
      var stage = t.publish(DocumentPaths.of("bigKey", DocumentPaths.COMMITMENT), new byte[800 * 1024]);
      assertThat(stage.toCompletableFuture().isCompletedExceptionally()).isFalse();
      assertThat(t.name()).isEqualTo("gun");
    } finally {
      t.close();
    }
  }
}
