package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The GUN transport against real GUN relays (Node.js, npm package {@code gun}). */
@Tag("interop")
class GunTransportInteropTest extends InteropResources {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private GunTransport transport(URI... relays) {
    return keep(
        GunTransport.open(
            GunOptions.peers(relays)
                .withAckTimeout(Duration.ofMillis(500))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))));
  }

  private static String key(int i) {
    return "participant" + i + "Key_-" + "x".repeat(20);
  }

  private static String path(int i) {
    return DocumentPaths.of(key(i), DocumentPaths.COMMITMENT);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Records every delivery as path -> text. */
  private static final class Inbox {
    final Map<String, Set<String>> got = new ConcurrentHashMap<>();

    void add(String path, byte[] payload) {
      got.computeIfAbsent(path, p -> ConcurrentHashMap.newKeySet()).add(new String(payload, StandardCharsets.UTF_8));
    }

    boolean has(String path, String text) {
      return got.getOrDefault(path, Set.of()).contains(text);
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitConnected(GunTransport... transports) throws InterruptedException {
    for (GunTransport t : transports) {
      await("connection to " + t.options().peers(), () -> t.connectedPeers() == t.options().peers().size());
    }
  }

  @Test
  void twoTransportsThroughOneRelaySeeEachOthersPublishes() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    GunTransport a = transport(relay.url());
    GunTransport b = transport(relay.url());
    awaitConnected(a, b);
    Inbox atA = new Inbox();
    Inbox atB = new Inbox();
    a.subscribe(path(2), atA::add);
    b.subscribe(path(1), atB::add);

    a.publish(path(1), bytes("{\"from\":\"a\"}")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    b.publish(path(2), bytes("{\"from\":\"b\"}")).toCompletableFuture().get(10, TimeUnit.SECONDS);

    await("b receives a's document", () -> atB.has(path(1), "{\"from\":\"a\"}"));
    await("a receives b's document", () -> atA.has(path(2), "{\"from\":\"b\"}"));
    assertThat(a.stats().acks()).isEqualTo(1);
    assertThat(b.stats().acks()).isEqualTo(1);
    assertThat(a.stats().malformed()).isZero();
  }

  @Test
  void aLateSubscriberGetsTheLatestDocumentAndNewerOnesOnly() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    GunTransport a = transport(relay.url());
    awaitConnected(a);
    a.publish(path(1), bytes("v1")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    a.publish(path(1), bytes("v2")).toCompletableFuture().get(10, TimeUnit.SECONDS);

    GunTransport b = transport(relay.url());
    awaitConnected(b);
    List<String> atB = new java.util.concurrent.CopyOnWriteArrayList<>();
    b.subscribe(path(1), (p, payload) -> atB.add(new String(payload, StandardCharsets.UTF_8)));
    await("b receives v2", () -> atB.contains("v2"));
    a.publish(path(1), bytes("v3")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    await("b receives v3", () -> atB.contains("v3"));
    assertThat(atB).doesNotContain("v1").containsExactly("v2", "v3");
  }

  @Test
  void tenTransportsThroughOneRelayAllSeeEveryDocument() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    int n = 10;
    List<GunTransport> ts = new ArrayList<>();
    List<Inbox> inboxes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GunTransport t = transport(relay.url());
      ts.add(t);
      inboxes.add(new Inbox());
    }
    awaitConnected(ts.toArray(GunTransport[]::new));
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ts.get(i).subscribe(path(j), inboxes.get(i)::add);
      }
    }
    Thread.sleep(300); // let the relay register every subscription before the first put
    List<java.util.concurrent.CompletableFuture<Void>> acks = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      acks.add(ts.get(j).publish(path(j), bytes("doc " + j)).toCompletableFuture());
    }
    for (var f : acks) {
      f.get(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < n; i++) {
      Inbox inbox = inboxes.get(i);
      for (int j = 0; j < n; j++) {
        int jj = j;
        await("transport " + i + " receives doc " + j, () -> inbox.has(path(jj), "doc " + jj));
      }
    }
  }

  @Test
  void twoMeshedRelaysCarryDocumentsBetweenTheirClients() throws Exception {
    GunRelay first = keep(GunRelay.startWithStorage(temp.resolve("first")));
    GunRelay second = keep(GunRelay.startWithStorage(temp.resolve("second"), first.url()));
    Thread.sleep(500); // the second relay dials the first
    List<GunTransport> ts = new ArrayList<>();
    List<Inbox> inboxes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ts.add(transport(i % 2 == 0 ? first.url() : second.url()));
      inboxes.add(new Inbox());
    }
    awaitConnected(ts.toArray(GunTransport[]::new));
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        ts.get(i).subscribe(path(j), inboxes.get(i)::add);
      }
    }
    Thread.sleep(300);
    for (int j = 0; j < 4; j++) {
      ts.get(j).publish(path(j), bytes("meshed " + j)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 4; i++) {
      Inbox inbox = inboxes.get(i);
      for (int j = 0; j < 4; j++) {
        int jj = j;
        await("transport " + i + " receives doc " + j + " across the mesh", () -> inbox.has(path(jj), "meshed " + jj));
      }
    }
  }

  @Test
  void aRelayKilledAndRestartedLosesNoAcknowledgedDocument() throws Exception {
    Path storage = temp.resolve("radata");
    GunRelay relay = keep(GunRelay.startWithStorage(storage));
    int port = relay.port();
    GunTransport a = transport(relay.url());
    GunTransport b = transport(relay.url());
    awaitConnected(a, b);
    Inbox atB = new Inbox();
    b.subscribe(path(1), atB::add);
    b.subscribe(path(2), atB::add);
    a.publish(path(1), bytes("before the crash")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    await("b receives the first document", () -> atB.has(path(1), "before the crash"));

    relay.kill();
    await("both notice the crash", () -> a.connectedPeers() == 0 && b.connectedPeers() == 0);
    var whileDown = a.publish(path(2), bytes("while the relay was down")).toCompletableFuture();
    Thread.sleep(300);
    assertThat(whileDown).isNotDone();

    keep(GunRelay.start(port, Optional.of(storage), List.of()));
    whileDown.get(15, TimeUnit.SECONDS);
    await("b receives the document published while the relay was down",
        () -> atB.has(path(2), "while the relay was down"));
    assertThat(a.stats().reconnects()).isGreaterThanOrEqualTo(1);
    assertThat(b.stats().reconnects()).isGreaterThanOrEqualTo(1);

    GunTransport c = transport(URI.create("ws://127.0.0.1:" + port + "/gun"));
    awaitConnected(c);
    Inbox atC = new Inbox();
    c.subscribe(path(1), atC::add);
    c.subscribe(path(2), atC::add);
    await("a new subscriber reads both acknowledged documents from the restarted relay",
        () -> atC.has(path(1), "before the crash") && atC.has(path(2), "while the relay was down"));
  }

  @Test
  void aJavaScriptGunClientReadsAndWritesTheSameDocuments() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    GunTransport java = transport(relay.url());
    awaitConnected(java);
    String fromJava = "{\"author\":\"java\",\"n\":1}";
    java.publish(path(1), bytes(fromJava)).toCompletableFuture().get(10, TimeUnit.SECONDS);

    String soul = GunOptions.DEFAULT_NAMESPACE + "/" + key(1) + "/" + DocumentPaths.COMMITMENT;
    String read =
        GunRelay.run(GunRelay.gunDirectory(), List.of("node", "client.js", "read", relay.url().toString(), soul, "10000"), Duration.ofSeconds(20));
    assertThat(lastLine(read)).isEqualTo(Base64.getEncoder().encodeToString(bytes(fromJava)));

    Inbox atJava = new Inbox();
    java.subscribe(path(2), atJava::add);
    String fromJs = "{\"author\":\"javascript\"}";
    String soul2 = GunOptions.DEFAULT_NAMESPACE + "/" + key(2) + "/" + DocumentPaths.COMMITMENT;
    String wrote =
        GunRelay.run(
            GunRelay.gunDirectory(),
            List.of("node", "client.js", "write", relay.url().toString(), soul2, Base64.getEncoder().encodeToString(bytes(fromJs)), "10000"),
            Duration.ofSeconds(20));
    assertThat(lastLine(wrote)).isEqualTo("ok");
    await("java receives the javascript client's document", () -> atJava.has(path(2), fromJs));
  }

  @Test
  void malformedFramesAreIgnoredCountedAndDoNotStopValidOnes() throws Exception {
    GunRelay fake = keep(GunRelay.fake());
    GunTransport t = transport(fake.url());
    awaitConnected(t);
    Inbox inbox = new Inbox();
    t.subscribe(path(1), inbox::add);
    await("the valid reply after the malformed ones is delivered", () -> inbox.has(path(1), "valid after all"));
    // 1 invalid JSON, 2 put not an object, 3+4 two bad batch items, 5 no metadata, 6 state not a
    // number, 7 doc not base64, 8 binary frame (see fake-relay.js), then the valid value
    // then the same value under the same id and under a new id (2 duplicates), an older state and
    // a value that loses the equal-state tie ('"AAA"' < '"dmFs..."'): 2 stale
    await("duplicates and stale values counted", () -> t.stats().duplicates() == 2 && t.stats().stale() == 2);
    // and last a value an hour ahead of our clock: 9 malformed in all
    await("nine malformed messages counted", () -> t.stats().malformed() == 9);
    assertThat(t.stats().delivered()).isEqualTo(1);
    assertThat(inbox.got.get(path(1))).containsExactly("valid after all");
  }

  @Test
  void aNewSubscriptionAsksAgainAfterOneAndFiveSeconds() throws Exception {
    GunRelay fake = keep(GunRelay.fake());
    GunTransport t = transport(fake.url());
    awaitConnected(t);
    String soul = GunOptions.DEFAULT_NAMESPACE + "/" + key(1) + "/" + DocumentPaths.COMMITMENT;
    t.subscribe(path(1), (p, b) -> { });
    await("the get is sent three times", () -> fake.output().stream().filter(("get " + soul)::equals).count() >= 3);
    Subscription closed = t.subscribe(path(2), (p, b) -> { });
    closed.close();
    Thread.sleep(1500);
    String soul2 = GunOptions.DEFAULT_NAMESPACE + "/" + key(2) + "/" + DocumentPaths.COMMITMENT;
    assertThat(fake.output().stream().filter(("get " + soul2)::equals).count())
        .as("a closed subscription is not asked for again").isEqualTo(1);
  }

  @Test
  void aRelaysRefusalFailsThePublishWithItsReason() throws Exception {
    GunRelay fake = keep(GunRelay.fake());
    GunTransport t = transport(fake.url());
    awaitConnected(t);
    var refused = t.publish(path(1), bytes("no")).toCompletableFuture();
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(PublishRejectedException.class)
        .hasMessageContaining("Unverified data.")
        .hasMessageContaining(path(1));
    assertThat(t.stats().rejected()).isEqualTo(1);
    assertThat(t.stats().acks()).isZero();
  }

  @Test
  void peersAnswerForwardedGetsSoDataOutlivesARelayWithoutStorage() throws Exception {
    GunRelay relay = keep(GunRelay.start());
    int port = relay.port();
    GunTransport a = transport(relay.url());
    awaitConnected(a);
    a.publish(path(1), bytes("held by its author")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    relay.kill();
    GunRelay fresh = keep(GunRelay.start(port, Optional.empty(), List.of()));
    await("a reconnects", () -> a.connectedPeers() == 1);
    GunTransport b = transport(fresh.url());
    awaitConnected(b);
    Inbox atB = new Inbox();
    b.subscribe(path(1), atB::add);
    await("b gets the document from a, through the empty relay", () -> atB.has(path(1), "held by its author"));
  }

  @Test
  void theProviderIsFoundByNameAndOpensAWorkingTransport() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    var t = keep(Transports.open("gun", Map.of("peers", relay.url().toString(), "ackTimeout", "500ms")));
    assertThat(t.name()).isEqualTo("gun");
    t.publish(path(3), bytes("via the provider")).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRelayWithoutStorageNeverAcknowledgesSoPublishesAreConfirmedByReadingBack() throws Exception {
    GunRelay relay = keep(GunRelay.start());
    GunTransport a = transport(relay.url());
    awaitConnected(a);
    a.publish(path(1), bytes("memory only")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(a.stats().acks()).isEqualTo(1);
  }

  @Test
  void closingCompletesPendingPublishesExceptionally() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    GunTransport a = transport(relay.url());
    awaitConnected(a);
    relay.kill();
    await("a notices", () -> a.connectedPeers() == 0);
    var pending = a.publish(path(1), bytes("never confirmed")).toCompletableFuture();
    a.close();
    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed before a relay confirmed");
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
