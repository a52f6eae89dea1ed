package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Behaviour that needs no relay: the transport points at a port where nothing listens. */
class GunTransportTest {

  private static final String PATH = DocumentPaths.of("abcKey", DocumentPaths.COMMITMENT);
  private final GunTransport transport =
      GunTransport.open(
          GunOptions.peers(URI.create("ws://127.0.0.1:" + GunRelay.freePort() + "/gun"))
              .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)),
          Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));

  @AfterEach
  void close() {
    transport.close();
  }

  private static void await(java.util.function.BooleanSupplier c) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!c.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(end);
      Thread.sleep(10);
    }
  }

  @Test
  void localSubscribersSeeLocalPublishesAndLateOnesGetTheLatest() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    transport.subscribe(PATH, (p, b) -> seen.add(new String(b, StandardCharsets.UTF_8)));
    transport.publish(PATH, "one".getBytes(StandardCharsets.UTF_8));
    transport.publish(PATH, "two".getBytes(StandardCharsets.UTF_8));
    await(() -> seen.size() == 2);
    assertThat(seen).containsExactly("one", "two");

    List<String> late = new CopyOnWriteArrayList<>();
    transport.subscribe(PATH, (p, b) -> late.add(new String(b, StandardCharsets.UTF_8)));
    await(() -> late.size() == 1);
    assertThat(late).containsExactly("two");
    assertThat(transport.connectedPeers()).isZero();
  }

  @Test
  void aThrowingListenerDoesNotStopTheOthersAndIsCounted() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    transport.subscribe(PATH, (p, b) -> {
      throw new IllegalStateException("boom");
    });
    transport.subscribe(PATH, (p, b) -> seen.add(p));
    transport.publish(PATH, new byte[] {1});
    await(() -> seen.size() == 1);
    await(() -> transport.stats().listenerFailures() == 1);
    assertThat(transport.stats().delivered()).isEqualTo(1);
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Subscription s = transport.subscribe(PATH, (p, b) -> seen.add(new String(b, StandardCharsets.UTF_8)));
    assertThat(s.path()).isEqualTo(PATH);
    s.close();
    s.close();
    transport.publish(PATH, "after".getBytes(StandardCharsets.UTF_8));
    Thread.sleep(100);
    assertThat(seen).isEmpty();
  }

  @Test
  void listenersGetTheirOwnCopyOfThePayload() throws Exception {
    List<byte[]> seen = new CopyOnWriteArrayList<>();
    transport.subscribe(PATH, (p, b) -> {
      seen.add(b.clone());
      b[0] = 42;
    });
    transport.subscribe(PATH, (p, b) -> seen.add(b));
    byte[] payload = {7};
    transport.publish(PATH, payload);
    payload[0] = 9;
    await(() -> seen.size() == 2);
    assertThat(seen).allSatisfy(b -> assertThat(b).containsExactly(7));
  }

  /**
   * Issue 10: with the relay down, every unconfirmed publish used to be kept with its payload. Now a
   * newer publish of a path supersedes the older ones: one payload held per path, and the older
   * stages complete (here: fail on close) with the newest.
   */
  @Test
  void unconfirmedPublishesOfOnePathHoldOnePayload() {
    List<java.util.concurrent.CompletableFuture<Void>> stages = new java.util.ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      stages.add(transport.publish(PATH, new byte[10_000]).toCompletableFuture());
    }
    transport.publish(DocumentPaths.of("abcKey", DocumentPaths.ALLOCATION_STATE), new byte[1]);
    assertThat(transport.stats().unconfirmed()).isEqualTo(2);
    assertThat(transport.stats().superseded()).isEqualTo(999);
    assertThat(stages).noneMatch(java.util.concurrent.CompletableFuture::isDone);
    transport.close();
    assertThat(stages).allMatch(java.util.concurrent.CompletableFuture::isCompletedExceptionally);
    assertThatThrownBy(() -> stages.get(0).get()).hasMessageContaining("closed before a relay confirmed");
  }

  @Test
  void closeFailsUnconfirmedPublishesAndLaterCalls() {
    var pending = transport.publish(PATH, new byte[] {1}).toCompletableFuture();
    assertThat(pending).isNotDone();
    transport.close();
    transport.close();
    assertThatThrownBy(() -> pending.get(1, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> transport.publish(PATH, new byte[0])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> transport.subscribe(PATH, (p, b) -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void invalidPathsAreRejectedNamingThePath() {
    assertThatThrownBy(() -> transport.publish("~k/allocation/other", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'~k/allocation/other'");
    assertThatThrownBy(() -> transport.subscribe("nope", (p, b) -> {})).hasMessageContaining("'nope'");
    assertThat(transport.name()).isEqualTo("gun");
  }

  @Test
  void keepsRetryingAnUnreachableRelay() throws Exception {
    Thread.sleep(400);
    assertThat(transport.connectedPeers()).isZero();
    assertThat(transport.stats().reconnects()).isZero(); // never connected, so never re-connected
  }
}
