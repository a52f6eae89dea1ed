package org.allocationcommons.benchmarks.gun;

import java.nio.ByteBuffer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.allocationcommons.transport.gun.GunOptions;
import org.allocationcommons.transport.gun.GunTransport;
import org.allocationcommons.sync.spi.DocumentPaths;

/**
 * Measures the GUN transport through one running relay (start one with {@code node
 * commons-transport-gun/src/test/gun/relay.js <port> <storageDir>}): N transports, each publishing
 * its own commitment every round and subscribed to the commitments of its next K neighbours (a ring),
 * so every publish is delivered to K peers. Reports deliveries per second, publish-to-delivery
 * latency and publish-to-acknowledgement latency (p50/p99). Run by hand (see docs/transports.md).
 * Arguments: {@code relayUrl [transports rounds neighbours]} (defaults 10 20 5).
 */
public final class GunRelayHarness {

  private GunRelayHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: GunRelayHarness ws://127.0.0.1:8765/gun [transports rounds neighbours]");
      System.exit(2);
    }
    URI relay = URI.create(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int k = Math.min(n - 1, args.length > 3 ? Integer.parseInt(args[3]) : 5);
    String run = Long.toString(System.nanoTime(), 36); // fresh paths per run
    {
      List<GunTransport> ts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ts.add(GunTransport.open(GunOptions.peers(relay).withResubscribeEvery(Duration.ZERO)));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ts.stream().anyMatch(t -> t.connectedPeers() == 0)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("transports did not connect");
        }
        Thread.sleep(10);
      }
      AtomicLong deliveries = new AtomicLong();
      long[] latencies = new long[n * rounds * k + n * k];
      AtomicLong slot = new AtomicLong();
      for (int i = 0; i < n; i++) {
        for (int d = 1; d <= k; d++) {
          ts.get(i).subscribe(path(run, (i + d) % n), (p, payload) -> {
            long sent = ByteBuffer.wrap(payload).getLong();
            if (sent > 0) {
              int at = (int) slot.getAndIncrement();
              if (at < latencies.length) {
                latencies[at] = System.nanoTime() - sent;
              }
              deliveries.incrementAndGet();
            }
          });
        }
      }
      Thread.sleep(500);
      long[] ackLatencies = new long[n * rounds];
      int acked = 0;
      long start = System.nanoTime();
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      long[] sentAt = new long[n * rounds];
      for (int r = 0; r < rounds; r++) {
        long expected = (long) (r + 1) * n * k;
        for (int i = 0; i < n; i++) {
          int at = r * n + i;
          sentAt[at] = System.nanoTime();
          byte[] payload = ByteBuffer.allocate(512).putLong(sentAt[at]).putInt(r).array();
          futures.add(
              ts.get(i)
                  .publish(path(run, i), payload)
                  .toCompletableFuture()
                  .thenRun(() -> ackLatencies[at] = System.nanoTime() - sentAt[at]));
        }
        // the next round starts once this round reached every subscriber (acks are not awaited:
        // a relay acknowledges after its storage write, which batches for about 250 ms)
        long roundDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deliveries.get() < expected && System.nanoTime() < roundDeadline) {
          Thread.sleep(1);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (CompletableFuture<Void> f : futures) {
        f.get(30, TimeUnit.SECONDS);
        acked++;
      }
      long got = deliveries.get();
      long[] lat = Arrays.copyOf(latencies, (int) Math.min(got, latencies.length));
      Arrays.sort(lat);
      Arrays.sort(ackLatencies);
      System.out.printf(
          "transports=%d neighbours=%d rounds=%d publishes=%d (acked %d) deliveries=%d/%d in %.2f s: %.0f deliveries/s, %.0f publishes/s%n",
          n, k, rounds, n * rounds, acked, got, (long) n * rounds * k, seconds, got / seconds, n * rounds / seconds);
      System.out.printf(
          "publish->delivery latency ms: p50=%.1f p99=%.1f max=%.1f; publish->ack latency ms: p50=%.1f p99=%.1f%n",
          pct(lat, 0.50), pct(lat, 0.99), pct(lat, 1.0), pct(ackLatencies, 0.50), pct(ackLatencies, 0.99));
      long malformed = ts.stream().mapToLong(t -> t.stats().malformed()).sum();
      long framesIn = ts.stream().mapToLong(t -> t.stats().framesIn()).sum();
      long framesOut = ts.stream().mapToLong(t -> t.stats().framesOut()).sum();
      System.out.printf("frames in=%d out=%d malformed=%d%n", framesIn, framesOut, malformed);
      ts.forEach(GunTransport::close);
    }
  }

  private static String path(String run, int i) {
    return DocumentPaths.of("harness" + run + "p" + i, DocumentPaths.COMMITMENT);
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
    return sorted[i] / 1e6;
  }
}
