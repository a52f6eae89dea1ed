package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Transports;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Holster dialect against real Holster relays, 1.0.21 (the original design's) and 2.1.4 (current),
 * from {@code ../shared/third-party} (see {@link HolsterRelay}); skipped where those sources are
 * absent.
 */
@Tag("interop")
class HolsterTransportInteropTest extends InteropResources {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private HolsterRelay relay() {
    return relay(HolsterRelay.V1);
  }

  private HolsterRelay relay(String version) {
    return keep(HolsterRelay.start(version, temp.resolve("holster-data")));
  }

  private GunTransport transport(URI relay, Clock clock, Duration ackTimeout) {
    return keep(
        GunTransport.open(
            GunOptions.peers(relay).withAckTimeout(ackTimeout).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)),
            clock,
            Dialect.holster()));
  }

  private GunTransport transport(URI relay) {
    return transport(relay, Clock.systemUTC(), Duration.ofSeconds(2));
  }

  private static String key(String name) {
    return name + "Key_-" + "x".repeat(20);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }

  private static void awaitConnected(GunTransport... ts) throws InterruptedException {
    for (GunTransport t : ts) {
      await("connected to the relay", () -> t.connectedPeers() == 1);
    }
  }

  /** Whether any file in the relay's storage holds {@code text} (radisk writes before Holster acks). */
  private static boolean stored(Path storage, String text) {
    if (!Files.isDirectory(storage)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(storage)) {
      return files.filter(Files::isRegularFile).anyMatch(f -> {
        try {
          return Files.readString(f, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
          return false; // a temp file renamed meanwhile
        }
      });
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void twoTransportsExchangeADocumentAndThePublishCompletesOnlyWithTheRelaysAck(String version) throws Exception {
    HolsterRelay relay = relay(version);
    GunTransport a = transport(relay.url());
    GunTransport b = transport(relay.url());
    awaitConnected(a, b);
    String path = DocumentPaths.of(key("alice"), DocumentPaths.COMMITMENT);
    Map<String, String> seen = new ConcurrentHashMap<>();
    b.subscribe(path, (p, bytes) -> seen.put(p, new String(bytes, StandardCharsets.UTF_8)));

    String doc = "holster-interop-document-one";
    CompletableFuture<Void> published = a.publish(path, doc.getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
    published.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    // Holster acks from store.put's callback: the document is on its disk when the publish completes
    assertThat(stored(relay.storage().orElseThrow(), Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8))))
        .as("the relay's storage holds the document once the publish completed").isTrue();
    await("b receives a's document", () -> doc.equals(seen.get(path)));
    assertThat(a.holsterCounters().ownEchoes()).as("a saw its own put echoed (and ignored it)").isPositive();
    assertThat(a.stats().rejected()).isZero();
    assertThat(b.stats().malformed()).isZero();
  }

  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void manyPublishesInABurstAllArriveBecauseNoFrameIsABatch(String version) throws Exception {
    HolsterRelay relay = relay(version);
    GunTransport a = transport(relay.url());
    GunTransport b = transport(relay.url());
    awaitConnected(a, b);
    Map<String, String> seen = new ConcurrentHashMap<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String path = DocumentPaths.of(key("burst" + i), DocumentPaths.COMMITMENT);
      paths.add(path);
      b.subscribe(path, (p, bytes) -> seen.put(p, new String(bytes, StandardCharsets.UTF_8)));
    }
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (String path : paths) {
      all.add(a.publish(path, ("doc of " + path).getBytes(StandardCharsets.UTF_8)).toCompletableFuture());
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    await("b receives all 30", () -> seen.size() == 30);
    // (Every one was acknowledged, so the relay processed each frame: batched, none would be. A late
    // ack under load may cause a fresh-state re-send, which is allowed, so re-sends are not counted.)
    // the relay processed (stored) every one: with their author gone, a newcomer reads them all from it
    a.close();
    b.close();
    GunTransport c = transport(relay.url());
    Map<String, String> read = new ConcurrentHashMap<>();
    paths.forEach(path -> c.subscribe(path, (p, bytes) -> read.put(p, new String(bytes, StandardCharsets.UTF_8))));
    await("a newcomer reads all 30 from the relay", () -> read.size() == 30);
  }

  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void aGetForADocumentTheRelayHoldsIsLeftToTheRelay(String version) throws Exception {
    HolsterRelay relay = relay(version);
    GunTransport author = transport(relay.url());
    awaitConnected(author);
    String path = DocumentPaths.of(key("stored"), DocumentPaths.COMMITMENT);
    author.publish(path, "stored at the relay".getBytes(StandardCharsets.UTF_8))
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    GunTransport reader = transport(relay.url());
    awaitConnected(reader);
    Map<String, String> read = new ConcurrentHashMap<>();
    reader.subscribe(path, (p, bytes) -> read.put(p, new String(bytes, StandardCharsets.UTF_8)));
    await("the reader gets the document", () -> "stored at the relay".equals(read.get(path)));
    await("the author decides about the forwarded get", () -> author.holsterCounters().getsLeftToRelay() >= 1);
    assertThat(author.holsterCounters().getsAnswered()).as("answers the author sent").isZero();
  }

  /**
   * The relay lacks a document its author holds (it was restarted on empty storage after
   * acknowledging it): the author answers a reader's get itself, since the relay's reply is empty.
   */
  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void aGetTheRelayCannotAnswerIsAnsweredByTheAuthor(String version) throws Exception {
    HolsterRelay relay = keep(HolsterRelay.start(version, temp.resolve("lost-data")));
    int port = relay.port();
    GunTransport author = transport(relay.url());
    awaitConnected(author);
    String path = DocumentPaths.of(key("lost"), DocumentPaths.COMMITMENT);
    author.publish(path, "only the author has it now".getBytes(StandardCharsets.UTF_8))
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    relay.kill();
    keep(HolsterRelay.start(version, port, temp.resolve("empty-data")));
    await("the author reconnects", () -> author.stats().reconnects() >= 1 && author.connectedPeers() == 1);
    GunTransport reader = transport(URI.create("ws://127.0.0.1:" + port + "/"));
    awaitConnected(reader);
    Map<String, String> read = new ConcurrentHashMap<>();
    reader.subscribe(path, (p, bytes) -> read.put(p, new String(bytes, StandardCharsets.UTF_8)));
    await("the reader gets the document from its author", () -> "only the author has it now".equals(read.get(path)));
    assertThat(author.holsterCounters().getsAnswered()).as("answers the author sent").isPositive();
  }

  /**
   * A relay that stops answering (here: its process stopped, the connection still up) gets the
   * unacknowledged publish again at doubling intervals, not once per ack timeout: at 500 ms that is
   * re-sends at 0.5, 1.5, 3.5 and 7.5 s, so at most 3 in the first 7 s (without the backoff, 13).
   * Once the relay runs again the publish is confirmed.
   */
  @Test
  void aStalledRelayGetsReSendsAtDoublingIntervals() throws Exception {
    HolsterRelay relay = relay(HolsterRelay.V2);
    GunTransport t = transport(relay.url(), Clock.systemUTC(), Duration.ofMillis(500));
    awaitConnected(t);
    signal(relay, "STOP");
    long start = System.nanoTime();
    CompletableFuture<Void> publish;
    try {
      publish = t.publish(DocumentPaths.of(key("stalled"), DocumentPaths.COMMITMENT),
          "nobody acks this yet".getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
      await("the first re-send", () -> t.holsterCounters().freshResends() >= 1);
      Thread.sleep(Math.max(0, 7_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
      assertThat(t.holsterCounters().freshResends()).as("re-sends in the first 7 s").isBetween(1L, 3L);
      assertThat(publish).as("nothing confirms while the relay is stopped").isNotDone();
    } finally {
      signal(relay, "CONT");
    }
    publish.get(60, TimeUnit.SECONDS);
  }

  private static void signal(RelayProcess relay, String signal) throws Exception {
    int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(relay.pid())).inheritIO().start().waitFor();
    assertThat(exit).as("kill -%s %d", signal, relay.pid()).isZero();
  }

  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void anUnchangedValueIsNotConfirmedByItsEchoButByAReSendWithAFreshState(String version) throws Exception {
    HolsterRelay relay = relay(version);
    Clock fixed = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    String path = DocumentPaths.of(key("fixed"), DocumentPaths.COMMITMENT);
    byte[] doc = "same value, same state".getBytes(StandardCharsets.UTF_8);
    GunTransport first = transport(relay.url(), fixed, Duration.ofMillis(1500));
    awaitConnected(first);
    first.publish(path, doc).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    first.close();

    // A second writer (think: the same author after a restart without its local state) sends the
    // same value at the same state: Holster echoes it but, holding it already, never acks it.
    GunTransport again = transport(relay.url(), fixed, Duration.ofMillis(1500));
    awaitConnected(again);
    CompletableFuture<Void> republished = again.publish(path, doc).toCompletableFuture();
    await("the relay echoes the put", () -> again.holsterCounters().ownEchoes() > 0);
    Thread.sleep(500);
    assertThat(republished).as("the echo alone does not confirm").isNotDone();
    republished.get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // after the ack timeout: fresh state, acked
    assertThat(again.holsterCounters().freshResends()).as("re-sent with a fresh state").isPositive();
  }

  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void aFrameTheRelayRefusesFailsThePublishWithTheRelaysError(String version) throws Exception {
    HolsterRelay relay =
        keep(HolsterRelay.start(version, GunRelay.freePort(), temp.resolve("small"), 4096));
    GunTransport a = transport(relay.url());
    awaitConnected(a);
    String path = DocumentPaths.of(key("big"), DocumentPaths.COMMITMENT);
    CompletableFuture<Void> stage = a.publish(path, new byte[8192]).toCompletableFuture();
    assertThatThrownBy(() -> stage.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PublishRejectedException.class)
        .hasMessageContaining(path)
        .hasMessageContaining("Message too large");
    // the connection still works for what fits
    a.publish(DocumentPaths.of(key("small"), DocumentPaths.COMMITMENT), new byte[100])
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @ParameterizedTest(name = "Holster {0}")
  @ValueSource(strings = {HolsterRelay.V1, HolsterRelay.V2})
  void aRelayRestartedOnItsStorageLosesNoAcknowledgedDocument(String version) throws Exception {
    Path storage = temp.resolve("restart-data");
    HolsterRelay relay = keep(HolsterRelay.start(version, storage));
    int port = relay.port();
    GunTransport a = transport(relay.url());
    awaitConnected(a);
    String acked = DocumentPaths.of(key("acked"), DocumentPaths.COMMITMENT);
    a.publish(acked, "acknowledged before the crash".getBytes(StandardCharsets.UTF_8))
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    a.close();

    relay.kill();
    // published while the relay is down: it waits, and is sent (and acked) after the restart
    GunTransport writer = transport(URI.create("ws://127.0.0.1:" + port + "/"));
    String later = DocumentPaths.of(key("later"), DocumentPaths.COMMITMENT);
    CompletableFuture<Void> pending =
        writer.publish(later, "published while down".getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
    Thread.sleep(300);
    assertThat(pending).isNotDone();
    keep(HolsterRelay.start(version, port, storage));
    pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

    // a newcomer that never saw either reads both from the restarted relay
    GunTransport reader = transport(URI.create("ws://127.0.0.1:" + port + "/"));
    Map<String, String> seen = new ConcurrentHashMap<>();
    reader.subscribe(acked, (p, bytes) -> seen.put(p, new String(bytes, StandardCharsets.UTF_8)));
    reader.subscribe(later, (p, bytes) -> seen.put(p, new String(bytes, StandardCharsets.UTF_8)));
    await("the newcomer reads both documents", () -> seen.size() == 2);
    assertThat(seen).containsEntry(acked, "acknowledged before the crash").containsEntry(later, "published while down");
  }

  /**
   * A scripted relay answering the first put as Holster's rate limiter does (the real one needs
   * 1,000 frames in a minute): the transport pauses, sends the same frame again, and completes on
   * the ack. It also reports any array frame (there must be none).
   */
  private static final String THROTTLING_RELAY =
      String.join(
          "\n",
          "import {WebSocketServer} from \"ws\"",
          "const port = Number(process.argv[2])",
          "const wss = new WebSocketServer({host: \"127.0.0.1\", port})",
          "let throttled = false",
          "wss.on(\"connection\", ws => ws.on(\"message\", data => {",
          "  const text = data.toString()",
          "  if (text.startsWith(\"[\")) { console.log(\"ARRAY \" + text.length); return }",
          "  const msg = JSON.parse(text)",
          "  if (!msg.put) return",
          "  if (!throttled) {",
          "    throttled = true",
          "    console.log(\"THROTTLED \" + msg[\"#\"])",
          "    ws.send(JSON.stringify({\"#\": \"thr\" + Date.now(), \"@\": msg[\"#\"],",
          "      err: \"Rate limit exceeded. Slow down requests. Wait 1s\", throttle: 700}))",
          "    return",
          "  }",
          "  ws.send(text)",
          "  console.log(\"ACKED \" + msg[\"#\"])",
          "  ws.send(JSON.stringify({\"#\": \"ack\" + Date.now(), \"@\": msg[\"#\"], err: null}))",
          "}))",
          "wss.on(\"listening\", () => console.log(\"fake holster listening \" + port))",
          "");

  @Test
  void aThrottleReplyPausesTheConnectionAndTheSameFrameIsSentAgain() throws Exception {
    HolsterRelay relay = keep(HolsterRelay.fake(HolsterRelay.V1, "throttling-relay.mjs", THROTTLING_RELAY));
    GunTransport a = transport(relay.url(), Clock.systemUTC(), Duration.ofSeconds(10));
    awaitConnected(a);
    long start = System.nanoTime();
    a.publish(DocumentPaths.of(key("throttled"), DocumentPaths.COMMITMENT), new byte[] {7})
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(tookMs).as("paused for the relay's 700 ms").isGreaterThanOrEqualTo(650).isLessThan(5000);
    assertThat(a.holsterCounters().throttled()).as("throttle replies").isEqualTo(1);
    assertThat(a.holsterCounters().freshResends()).as("no fresh-state re-send: the ack timeout is 10 s").isZero();
    String throttledId = relay.output().stream().filter(l -> l.startsWith("THROTTLED ")).findFirst().orElseThrow().substring(10);
    assertThat(relay.output()).contains("ACKED " + throttledId).noneMatch(l -> l.startsWith("ARRAY"));
  }

  /** A scripted relay refusing, as Holster does for an oversized frame, every put whose doc is long. */
  private static final String PICKY_RELAY =
      String.join(
          "\n",
          "import {WebSocketServer} from \"ws\"",
          "const port = Number(process.argv[2])",
          "const wss = new WebSocketServer({host: \"127.0.0.1\", port})",
          "wss.on(\"connection\", ws => ws.on(\"message\", data => {",
          "  const text = data.toString()",
          "  const msg = JSON.parse(text)",
          "  if (!msg.put) return",
          "  const node = Object.values(msg.put)[0]",
          "  if (node.doc.length > 100) { ws.send(JSON.stringify({error: \"Message too large\"})); return }",
          "  ws.send(text)",
          "  setTimeout(() => ws.send(JSON.stringify({\"#\": \"ack\" + Math.random(), \"@\": msg[\"#\"], err: null})), 50)",
          "}))",
          "wss.on(\"listening\", () => console.log(\"fake holster listening \" + port))",
          "");

  @Test
  void anErrorFrameFailsThePublishItAnswersAndNoOther() throws Exception {
    HolsterRelay relay = keep(HolsterRelay.fake(HolsterRelay.V1, "picky-relay.mjs", PICKY_RELAY));
    GunTransport a = transport(relay.url(), Clock.systemUTC(), Duration.ofSeconds(10));
    awaitConnected(a);
    // three publishes in flight at once: the error (which names no message) answers the middle one
    CompletableFuture<Void> small1 =
        a.publish(DocumentPaths.of(key("small1"), DocumentPaths.COMMITMENT), new byte[10]).toCompletableFuture();
    CompletableFuture<Void> big =
        a.publish(DocumentPaths.of(key("big"), DocumentPaths.COMMITMENT), new byte[200]).toCompletableFuture();
    CompletableFuture<Void> small2 =
        a.publish(DocumentPaths.of(key("small2"), DocumentPaths.COMMITMENT), new byte[10]).toCompletableFuture();
    small1.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    small2.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> big.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .cause()
        .isInstanceOf(PublishRejectedException.class)
        .hasMessageContaining(DocumentPaths.of(key("big"), DocumentPaths.COMMITMENT))
        .hasMessageContaining("Message too large");
    assertThat(a.stats().rejected()).isEqualTo(1);
  }

  @Test
  void theHolsterProviderOpensTheDialectByName() throws Exception {
    HolsterRelay relay = relay();
    GunTransport t = keep((GunTransport) Transports.open("holster", Map.of("peers", relay.url().toString())));
    awaitConnected(t);
    t.publish(DocumentPaths.of(key("named"), DocumentPaths.COMMITMENT), new byte[] {1, 2, 3})
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(t.name()).isEqualTo("holster");
  }
}
