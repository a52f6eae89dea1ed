package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test harness itself: a real Holster relay starts on loopback, stores a put and acknowledges it. */
@Tag("interop")
class HolsterRelayTest {

  @TempDir Path temp;

  @Test
  void holsterStartsOnLoopbackAndAcknowledgesAPut() throws Exception {
    try (HolsterRelay relay = HolsterRelay.start(HolsterRelay.V1, temp.resolve("data"))) {
      List<String> in = new CopyOnWriteArrayList<>();
      WebSocket ws =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .buildAsync(
                  relay.url(),
                  new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                      in.add(data.toString());
                      w.request(1);
                      return null;
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      ws.sendText(
              "{\"#\":\"harness1\",\"put\":{\"ns/k/doc\":{\"_\":{\"#\":\"ns/k/doc\",\">\":{\"doc\":1000}},\"doc\":\"aGk=\"}}}",
              true)
          .get(5, TimeUnit.SECONDS);
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (in.stream().noneMatch(f -> f.contains("\"@\":\"harness1\"")) && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(in).anyMatch(f -> f.contains("\"@\":\"harness1\"") && f.contains("\"err\":null"));
      // the relay echoes the put to its sender too, and does so before the ack
      assertThat(in).anyMatch(f -> f.startsWith("{\"#\":\"harness1\",\"put\""));
      ws.abort();
    }
  }
}
