package org.allocationcommons.transport.gun.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.transport.gun.GunOptions;

/**
 * One relay connection, re-opened with backoff whenever it is lost. It assembles incoming text
 * frames (bounded by {@link GunOptions#maxFrameChars()}) and sends its queue one frame at a time:
 * batched into JSON arrays for GUN, or one message per frame within a {@link Pacing} for Holster.
 */
public final class Connection implements WebSocket.Listener {

  private static final int MAX_BATCH_CHARS = 1 << 20;

  /** What the transport does with a connection's news. */
  public interface Handler {
    /** The connection is (again) open: send what a fresh connection needs. */
    void connected(Connection c);

    /** A whole text frame arrived. */
    void frame(Connection c, String frame);

    /** Something arrived that is no GUN message. */
    void malformed(Connection c, String reason);
  }

  private final URI uri;
  private final GunOptions options;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Counters counters;
  private final Handler handler;
  /** Holster only; null for GUN, whose frames batch. */
  private final Pacing pacing;

  private volatile WebSocket ws;
  private int attempt;
  private boolean everConnected;
  private boolean stopped;
  private final StringBuilder partial = new StringBuilder();
  private boolean oversized;
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private boolean sending;

  /** A connection to {@code uri}, paced by {@code pacing} (null: batched, unpaced). */
  public Connection(
      URI uri, GunOptions options, HttpClient http, ScheduledExecutorService scheduler,
      Counters counters, Pacing pacing, Handler handler) {
    this.uri = uri;
    this.options = options;
    this.http = http;
    this.scheduler = scheduler;
    this.counters = counters;
    this.pacing = pacing;
    this.handler = handler;
  }

  /** The relay's address. */
  public URI uri() {
    return uri;
  }

  /** Whether the connection is open now. */
  public boolean isConnected() {
    return ws != null;
  }

  /** Holster echoed our message {@code id}: it and every older frame are handled. */
  public synchronized void handled(String id) {
    pacing.handled(id);
  }

  /** Holster answered a frame with an {@code error}: it is the oldest one not yet handled. */
  public synchronized String oldestUnanswered() {
    return pacing.oldestUnanswered();
  }

  /** Holster dropped our message {@code id} unprocessed: pause, then send it first. */
  public void throttled(String id, long millis) {
    synchronized (this) {
      String frame = pacing.throttled(id, millis, System.nanoTime());
      if (frame == null || ws == null || stopped) {
        return;
      }
      outbox.addFirst(frame);
      if (sending) {
        return;
      }
      sending = true;
    }
    drain(null);
  }

  /** Opens the connection in the background (unless shut down). */
  public void connect() {
    synchronized (this) {
      if (stopped) {
        return;
      }
    }
    http.newWebSocketBuilder()
        .connectTimeout(options.connectTimeout())
        .buildAsync(uri, this)
        .whenComplete(
            (socket, error) -> {
              if (error != null) {
                lost(null, error);
              }
            });
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    boolean again;
    synchronized (this) {
      if (stopped) {
        webSocket.abort();
        return;
      }
      ws = webSocket;
      attempt = 0;
      again = everConnected;
      everConnected = true;
      partial.setLength(0);
      oversized = false;
    }
    if (again) {
      counters.reconnects.incrementAndGet();
    }
    Shared.LOG.info(again ? "reconnected to {}" : "connected to {}", uri);
    webSocket.request(1);
    handler.connected(this);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    String frame = null;
    synchronized (this) {
      if (!oversized) {
        partial.append(data);
        if (partial.length() > options.maxFrameChars()) {
          oversized = true;
          partial.setLength(0);
        }
      }
      if (last) {
        if (oversized) {
          oversized = false;
        } else {
          frame = partial.toString();
        }
        partial.setLength(0);
      }
    }
    if (last && frame == null) {
      counters.framesIn.incrementAndGet();
      handler.malformed(this, "frame exceeds the limit of " + options.maxFrameChars() + " chars");
    } else if (frame != null) {
      try {
        handler.frame(this, frame);
      } catch (RuntimeException e) {
        handler.malformed(this, "frame could not be handled: " + e);
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    if (last) {
      counters.framesIn.incrementAndGet();
      handler.malformed(this, "binary frame (GUN speaks text)");
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    lost(webSocket, null);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    lost(webSocket, error);
  }

  private void lost(WebSocket socket, Throwable error) {
    Duration delay;
    int failures;
    boolean wasConnected;
    synchronized (this) {
      if (socket != null && socket != ws) {
        return; // an old socket's late news
      }
      ws = null;
      outbox.clear();
      if (pacing != null) {
        pacing.reset();
      }
      sending = false;
      if (stopped) {
        return;
      }
      failures = ++attempt;
      wasConnected = everConnected;
      delay =
          Backoff.delay(
              attempt,
              options.backoffInitial(),
              options.backoffMax(),
              ThreadLocalRandom.current().nextDouble());
    }
    if (socket != null) {
      socket.abort();
    }
    String why = error == null ? "closed" : error.toString();
    if (failures == 1) { // the first failure since the link was up (or since the start): worth an INFO
      Shared.LOG.info(wasConnected ? "connection to {} lost ({}); reconnecting, first retry in {}"
          : "cannot connect to {} ({}); retrying, first retry in {}", uri, why, delay);
    } else {
      Shared.LOG.debug("connection to {} still down ({}); retry {} in {}", uri, why, failures, delay);
    }
    try {
      scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // transport closed
    }
  }

  /** Sends a message if connected; messages sent while disconnected are re-created on connect. */
  public void send(String message) {
    synchronized (this) {
      if (ws == null || stopped) {
        return;
      }
      outbox.add(message);
      if (sending) {
        return;
      }
      sending = true;
    }
    drain(null);
  }

  /** Sends a message only if the connection has no backlog (else drops it: for optional answers). */
  public void sendIfIdle(String message) {
    synchronized (this) {
      if (outbox.size() >= 4) {
        return;
      }
    }
    send(message);
  }

  /** Sends what is queued, one frame at a time; {@code expected} is the socket of the last send. */
  private void drain(WebSocket expected) {
    WebSocket socket;
    List<String> batch = new ArrayList<>();
    synchronized (this) {
      socket = ws;
      if (expected != null && socket != expected) {
        return; // that socket was lost: lost() reset the outbox and whoever sends next drains
      }
      if (socket == null || outbox.isEmpty()) {
        sending = false;
        return;
      }
      if (pacing != null) {
        // One message per frame, within the budget: Holster processes only single-message frames
        // and drops frames beyond its rate limit.
        long wait = pacing.waitNanos(System.nanoTime());
        if (wait > 0) {
          try {
            scheduler.schedule(() -> drain(socket), wait, TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException e) {
            sending = false; // closed
          }
          return;
        }
        String m = outbox.poll();
        pacing.sent(m);
        batch.add(m);
      } else {
        int chars = 0;
        while (!outbox.isEmpty() && (batch.isEmpty() || chars + outbox.peek().length() < MAX_BATCH_CHARS)) {
          String m = outbox.poll();
          chars += m.length() + 1;
          batch.add(m);
        }
      }
    }
    counters.framesOut.incrementAndGet();
    socket
        .sendText(batch.size() == 1 ? batch.get(0) : Frames.batch(batch), true)
        .whenComplete(
            (s, error) -> {
              if (error != null) {
                lost(socket, error);
              } else {
                drain(socket);
              }
            });
  }

  /** Closes the connection for good. */
  public void shutdown() {
    WebSocket socket;
    synchronized (this) {
      stopped = true;
      socket = ws;
      ws = null;
      outbox.clear();
    }
    if (socket != null) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "closed").whenComplete((s, e) -> socket.abort());
    }
  }
}
