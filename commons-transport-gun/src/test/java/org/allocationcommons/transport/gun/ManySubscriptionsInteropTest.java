package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One transport subscribing to 400 paths at once (a node following a large commons), through a real
 * relay: every path's document is delivered, and through Holster no frame is throttled, because the
 * 400 gets are spread within the frame budget (and sent once: Holster makes no periodic
 * resubscription).
 */
@Tag("interop")
class ManySubscriptionsInteropTest extends InteropResources {

  private static final int PATHS = 400;
  private static final int PUBLISHERS = 4;

  private static void await(String what, Duration wait, BooleanSupplier condition, Object onTimeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + wait + " waiting for: " + what + "\n" + onTimeout);
      }
      Thread.sleep(50);
    }
  }

  private static String path(String run, int i) {
    return DocumentPaths.of("many" + run + "p" + i, DocumentPaths.COMMITMENT);
  }

  /**
   * Publishes {@code PATHS} documents from {@code PUBLISHERS} transports (a hundred each, so each
   * publisher's own budget lets them out at once) and waits until all are confirmed.
   */
  private static void publishAll(List<GunTransport> publishers, String run) throws Exception {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (int i = 0; i < PATHS; i++) {
      acks.add(publishers.get(i % publishers.size())
          .publish(path(run, i), ("doc " + i).getBytes(StandardCharsets.UTF_8)).toCompletableFuture());
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      long done = acks.stream().filter(CompletableFuture::isDone).count();
      StringBuilder stats = new StringBuilder();
      publishers.forEach(t -> stats.append("\n  ").append(t.stats()));
      throw new AssertionError("after 120 s, " + done + " of " + acks.size() + " publishes confirmed;" + stats, e);
    }
  }

  /** Subscribes {@code subscriber} to every path at once; returns what each path delivered last. */
  private static Map<String, String> subscribeAll(GunTransport subscriber, String run) {
    Map<String, String> delivered = new ConcurrentHashMap<>();
    for (int i = 0; i < PATHS; i++) {
      subscriber.subscribe(path(run, i), (p, payload) -> delivered.put(p, new String(payload, StandardCharsets.UTF_8)));
    }
    return delivered;
  }

  private static void assertEveryPathDelivered(Map<String, String> delivered, String run) {
    for (int i = 0; i < PATHS; i++) {
      assertThat(delivered).containsEntry(path(run, i), "doc " + i);
    }
  }

  @Test
  void fourHundredSubscriptionsAtOnceThroughHolsterAreAllDeliveredWithoutAThrottle() throws Exception {
    // 1.0.21: the stricter relay, 1,000 frames a minute per connection (2.1.4 allows 1,500)
    HolsterRelay relay = keep(HolsterRelay.start(HolsterRelay.V1, temp.resolve("holster-data")));
    List<GunTransport> publishers = new ArrayList<>();
    for (int i = 0; i < PUBLISHERS; i++) {
      publishers.add(keep(GunTransport.open(GunOptions.peers(relay.url()), Clock.systemUTC(), Dialect.holster())));
    }
    String run = Long.toString(System.nanoTime(), 36);
    publishAll(publishers, run);

    // Resubscribing every 10 s asks for 400 souls four times in 40 s on top of the first 400 gets:
    // 2,000 frames wanted, more than twice the budget; the budget must hold them back.
    GunTransport subscriber =
        keep(GunTransport.open(
            GunOptions.peers(relay.url()).withResubscribeEvery(Duration.ofSeconds(10)), Clock.systemUTC(), Dialect.holster()));
    await("the subscriber connects", Duration.ofSeconds(15), () -> subscriber.connectedPeers() == 1, "");
    int budget = subscriber.dialect().framesPerMinute();
    long out0 = subscriber.stats().framesOut();
    long start = System.nanoTime();
    Map<String, String> delivered = subscribeAll(subscriber, run);
    await(PATHS + " paths delivered", Duration.ofSeconds(90), () -> delivered.size() == PATHS,
        (Object) ("delivered " + delivered.size() + "; " + subscriber.stats()));
    double deliveredAfter = (System.nanoTime() - start) / 1e9;
    // Observe until 40 s after subscribing: less than a minute, so every frame sent falls in one of
    // Holster's 60 s windows and all of them together must stay within the budget.
    long until = start + TimeUnit.SECONDS.toNanos(40);
    while (System.nanoTime() < until) {
      Thread.sleep(200);
    }
    long sent = subscriber.stats().framesOut() - out0;
    System.out.printf("holster: %d paths delivered after %.1f s; %d frames out in 40 s (budget %d a minute), %s, %s%n",
        PATHS, deliveredAfter, sent, budget, subscriber.stats(), subscriber.holsterCounters());

    assertEveryPathDelivered(delivered, run);
    assertThat(sent).as("frames the subscriber sent in 40 s (less than one minute)").isLessThanOrEqualTo(budget);
    assertThat(sent)
        .as("one get per subscription: resubscribeEvery (10 s here) is ignored under Holster, whose relay shows every put to every connected client")
        .isEqualTo(PATHS);
    for (GunTransport t : keptTransports()) {
      assertThat(t.holsterCounters().throttled()).as("throttle replies").isZero();
      assertThat(t.stats().reconnects()).as("reconnects").isZero();
    }
    assertThat(relay.output()).noneMatch(line -> line.contains("rate limit exceeded") || line.contains("Disconnecting"));
  }

  @Test
  void fourHundredSubscriptionsAtOnceThroughGunAreAllDelivered() throws Exception {
    GunRelay relay = keep(GunRelay.startWithStorage(temp.resolve("radata")));
    List<GunTransport> publishers = new ArrayList<>();
    for (int i = 0; i < PUBLISHERS; i++) {
      publishers.add(keep(GunTransport.open(GunOptions.peers(relay.url()))));
    }
    String run = Long.toString(System.nanoTime(), 36);
    publishAll(publishers, run);
    GunTransport subscriber = keep(GunTransport.open(GunOptions.peers(relay.url())));
    await("the subscriber connects", Duration.ofSeconds(15), () -> subscriber.connectedPeers() == 1, "");
    Map<String, String> delivered = subscribeAll(subscriber, run);
    await(PATHS + " paths delivered", Duration.ofSeconds(60), () -> delivered.size() == PATHS,
        (Object) ("delivered " + delivered.size() + "; " + subscriber.stats()));
    assertEveryPathDelivered(delivered, run);
    assertThat(subscriber.stats().malformed()).isZero();
  }
}
