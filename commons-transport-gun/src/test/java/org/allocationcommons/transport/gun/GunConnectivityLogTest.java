package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, "loud mistakes": a relay link going down and coming back is logged at INFO (it was
 * DEBUG, so a user whose node silently stopped syncing saw nothing), later retries of a link that
 * stays down at DEBUG only. The relay is a bare WebSocket handshake on a local socket that the test
 * drops; no GUN, no Node.js.
 */
class GunConnectivityLogTest {

  @Test
  void connectionLostAndRegainedAreLoggedAtInfo() throws Exception {
    try (HandshakeOnlyRelay relay = new HandshakeOnlyRelay();
        CapturedLog log = CapturedLog.start()) {
      URI uri = URI.create("ws://127.0.0.1:" + relay.port() + "/gun");
      try (GunTransport transport =
          GunTransport.open(GunOptions.peers(uri).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)), Clock.systemUTC())) {
        await(() -> transport.connectedPeers() == 1);
        await(() -> log.text().contains("connected to " + uri));
        assertThat(line(log.text(), "connected to " + uri)).contains("INFO");

        relay.dropAll();
        await(() -> log.text().contains("reconnected to " + uri));
        assertThat(line(log.text(), "connection to " + uri + " lost")).contains("INFO").contains("reconnecting");
        assertThat(line(log.text(), "reconnected to " + uri)).contains("INFO");
        assertThat(transport.stats().reconnects()).isEqualTo(1);
      }
    }
  }

  @Test
  void anUnreachableRelayIsLoggedOnceAtInfoNotAtEveryRetry() throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + GunRelay.freePort() + "/gun");
    try (CapturedLog log = CapturedLog.start();
        GunTransport transport =
            GunTransport.open(GunOptions.peers(uri).withBackoff(Duration.ofMillis(20), Duration.ofMillis(40)), Clock.systemUTC())) {
      await(() -> log.text().contains("cannot connect to " + uri));
      Thread.sleep(300); // several retries
      assertThat(log.text().lines().filter(l -> l.contains(uri.toString()))).singleElement().asString().contains("INFO");
      assertThat(transport.connectedPeers()).isZero();
    }
  }

  private static String line(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).findFirst().orElseThrow(() -> new AssertionError("no line with '" + part + "' in:\n" + text));
  }

  private static void await(BooleanSupplier c) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(end);
      Thread.sleep(10);
    }
  }

  /** Accepts WebSocket handshakes on 127.0.0.1 and then ignores what it is sent; drops on demand. */
  private static final class HandshakeOnlyRelay implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor = new Thread(this::accept, "handshake-only-relay");

    HandshakeOnlyRelay() throws IOException {
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
          String key = null;
          for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
            if (l.toLowerCase().startsWith("sec-websocket-key:")) {
              key = l.substring(l.indexOf(':') + 1).trim();
            }
          }
          byte[] sha1 =
              MessageDigest.getInstance("SHA-1")
                  .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
          OutputStream out = s.getOutputStream();
          out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1) + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
          open.add(s);
        } catch (Exception e) {
          // closed, or a client gone mid-handshake
        }
      }
    }

    void dropAll() throws IOException {
      for (Socket s : open) {
        open.remove(s);
        s.close();
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      dropAll();
    }
  }
}
