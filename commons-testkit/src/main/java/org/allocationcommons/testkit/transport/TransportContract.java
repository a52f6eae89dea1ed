package org.allocationcommons.testkit.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Transport} plugin keeps, as a JUnit Jupiter test class to extend: give
 * it two transports that reach each other ({@link #open()} called twice, on one bus or one relay)
 * and it checks what {@code CommonsNode} relies on: delivery of a publish to another transport's
 * subscriber, the latest value for a late subscriber, no delivery after a subscription or the
 * transport is closed, a private copy of every payload, paths checked naming the path, and calls
 * after {@code close()} refused.
 *
 * <pre>{@code
 * class MyTransportContractTest extends TransportContract {
 *   @Override protected Transport open() { return MyTransport.connect(relay); }
 * }
 * }</pre>
 *
 * Real time: each wait is bounded by {@link #patience()}.
 */
public abstract class TransportContract {

  private final List<Transport> opened = new CopyOnWriteArrayList<>();
  private Transport a;
  private Transport b;

  /**
   * A new transport on the shared medium under test; closed by the contract after each test.
   *
   * @return the new transport
   */
  protected abstract Transport open();

  /**
   * How long a delivery may take. Default 10 s.
   *
   * @return the delivery timeout
   */
  protected Duration patience() {
    return Duration.ofSeconds(10);
  }

  @BeforeEach
  final void openTwo() {
    a = track(open());
    b = track(open());
  }

  @AfterEach
  final void closeAll() {
    for (Transport t : opened) {
      try {
        t.close();
      } catch (RuntimeException e) {
        // closing twice or after a failure is not part of what a test checks
      }
    }
  }

  private Transport track(Transport t) {
    opened.add(t);
    return t;
  }

  /** A path no other test uses, owned by a syntactically valid key. */
  private static String freshPath(String document) {
    return DocumentPaths.of("contract" + Long.toHexString(System.nanoTime()), document);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + patience().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("waited " + patience() + " for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for: " + what);
      }
    }
  }

  @Test
  void aPublishReachesAnotherTransportsSubscriberAndItsStageCompletes() throws Exception {
    String path = freshPath(DocumentPaths.COMMITMENT);
    List<String> seen = new CopyOnWriteArrayList<>();
    b.subscribe(path, (p, bytes) -> {
      assertEquals(path, p, "delivered at another path");
      seen.add(new String(bytes, StandardCharsets.UTF_8));
    });
    CompletionStage<Void> stage = a.publish(path, utf8("one"));
    await("the other transport's subscriber receives the payload", () -> seen.contains("one"));
    stage.toCompletableFuture().get(patience().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void aLateSubscriberGetsTheLatestValue() {
    String path = freshPath(DocumentPaths.ALLOCATION_STATE);
    a.publish(path, utf8("v1"));
    CompletableFuture<Void> second = a.publish(path, utf8("v2")).toCompletableFuture();
    await("the second publish is confirmed", second::isDone);
    List<String> seen = new CopyOnWriteArrayList<>();
    b.subscribe(path, (p, bytes) -> seen.add(new String(bytes, StandardCharsets.UTF_8)));
    await("a late subscriber receives the latest value", () -> !seen.isEmpty() && seen.get(seen.size() - 1).equals("v2"));
  }

  @Test
  void aClosedSubscriptionGetsNothingMore() {
    String path = freshPath(DocumentPaths.COMMITMENT);
    List<String> seen = new CopyOnWriteArrayList<>();
    Subscription sub = b.subscribe(path, (p, bytes) -> seen.add(new String(bytes, StandardCharsets.UTF_8)));
    a.publish(path, utf8("before"));
    await("the first payload arrives", () -> seen.contains("before"));
    sub.close();
    sub.close(); // idempotent
    CompletableFuture<Void> after = a.publish(path, utf8("after")).toCompletableFuture();
    List<String> control = new CopyOnWriteArrayList<>();
    b.subscribe(path, (p, bytes) -> control.add(new String(bytes, StandardCharsets.UTF_8)));
    await("a fresh subscription sees the later payload", () -> control.contains("after"));
    await("the later publish is confirmed", after::isDone);
    assertFalse(seen.contains("after"), "a closed subscription received a payload");
  }

  @Test
  void subscribersGetTheirOwnCopyOfEachPayload() {
    String path = freshPath(DocumentPaths.COMMITMENT);
    List<byte[]> seen = new CopyOnWriteArrayList<>();
    b.subscribe(path, (p, bytes) -> {
      seen.add(bytes);
      bytes[0] = 'X'; // a listener scribbling on its copy must not reach anyone else
    });
    List<byte[]> other = new CopyOnWriteArrayList<>();
    b.subscribe(path, (p, bytes) -> other.add(bytes.clone()));
    byte[] payload = utf8("payload");
    a.publish(path, payload);
    payload[0] = 'Y'; // nor the publisher changing its array afterwards
    await("both subscribers receive it", () -> !seen.isEmpty() && !other.isEmpty());
    assertArrayEquals(utf8("payload"), other.get(0));
  }

  @Test
  void invalidPathsAreRefusedNamingThePath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.publish("not a path", utf8("x")));
    assertTrue(e.getMessage().contains("not a path"), "the message names the path: " + e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> a.subscribe("../escape", (p, bytes) -> {}));
  }

  @Test
  void callsAfterCloseAreRefused() {
    a.close();
    a.close(); // idempotent
    String path = freshPath(DocumentPaths.COMMITMENT);
    assertThrows(IllegalStateException.class, () -> a.publish(path, utf8("x")));
    assertThrows(IllegalStateException.class, () -> a.subscribe(path, (p, bytes) -> {}));
  }

  @Test
  void itHasAName() {
    assertFalse(a.name().isBlank(), "name() must not be blank");
  }
}
