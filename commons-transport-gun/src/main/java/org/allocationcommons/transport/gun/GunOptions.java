package org.allocationcommons.transport.gun;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.allocationcommons.transport.gun.internal.Souls;

/**
 * Settings of a {@link GunTransport}. Build with {@link #peers(List)} and the {@code with...} methods,
 * or from string options with {@link #parse(Map)} (what {@link GunTransportProvider} does).
 *
 * <p>String option keys: {@code peers} (required: comma-separated {@code ws://} or {@code wss://}
 * URLs, e.g. {@code ws://127.0.0.1:8765/gun}), {@code namespace} (soul prefix, default
 * {@code allocation-commons}), and the durations {@code connectTimeout} (default 5s),
 * {@code ackTimeout} (default 2s: after it, an unacknowledged publish is confirmed by reading it back),
 * {@code backoffInitial} (default 250ms), {@code backoffMax} (default 10s), {@code resubscribeEvery}
 * (default 30s, {@code 0} disables), written as {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601
 * ({@code PT5S}); and {@code maxFrameChars} (default 16777216).
 *
 * @param peers the relays to connect to, at least one
 * @param namespace the first segment of every soul this transport writes and reads
 * @param connectTimeout how long one connection attempt may take
 * @param ackTimeout how long to wait for a relay's acknowledgement before reading the document back
 * @param backoffInitial the first reconnect delay
 * @param backoffMax the largest reconnect delay
 * @param resubscribeEvery how often subscriptions are re-sent to every relay; zero disables
 * @param maxFrameChars frames longer than this are rejected as malformed without being parsed
 */
public record GunOptions(
    List<URI> peers,
    String namespace,
    Duration connectTimeout,
    Duration ackTimeout,
    Duration backoffInitial,
    Duration backoffMax,
    Duration resubscribeEvery,
    int maxFrameChars) {

  /** The default soul prefix. */
  public static final String DEFAULT_NAMESPACE = "allocation-commons";

  private static final Set<String> KEYS =
      Set.of(
          "peers", "namespace", "connectTimeout", "ackTimeout", "backoffInitial", "backoffMax",
          "resubscribeEvery", "maxFrameChars");

  /** The string option keys {@link #parse(Map)} knows. */
  static Set<String> keys() {
    return KEYS;
  }

  /**
   * Validates every setting; see the class description for the rules.
   *
   * @param peers the relays to connect to: at least one {@code ws://} or {@code wss://} URL with a host
   * @param namespace the first segment of every soul; letters, digits, '.', '_', '-', not starting with '~'
   * @param connectTimeout how long one connection attempt may take; positive
   * @param ackTimeout how long to wait for a relay's acknowledgement before reading the document back;
   *     positive
   * @param backoffInitial the first reconnect delay; positive, at most {@code backoffMax}
   * @param backoffMax the largest reconnect delay; positive
   * @param resubscribeEvery how often subscriptions are re-sent to every relay; zero disables
   * @param maxFrameChars frames longer than this are rejected as malformed; at least 1024
   * @throws IllegalArgumentException naming the setting and the rule it breaks
   */
  public GunOptions {
    if (peers == null || peers.isEmpty()) {
      throw new IllegalArgumentException("peers must name at least one ws:// or wss:// URL");
    }
    peers = List.copyOf(peers);
    for (URI peer : peers) {
      requirePeer(peer);
    }
    Souls.requireNamespace(namespace);
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("ackTimeout", ackTimeout);
    requirePositive("backoffInitial", backoffInitial);
    requirePositive("backoffMax", backoffMax);
    if (backoffInitial.compareTo(backoffMax) > 0) {
      throw new IllegalArgumentException(
          "backoffInitial " + backoffInitial + " must not exceed backoffMax " + backoffMax);
    }
    if (resubscribeEvery == null || resubscribeEvery.isNegative()) {
      throw new IllegalArgumentException("resubscribeEvery " + resubscribeEvery + " must be zero or positive");
    }
    if (maxFrameChars < 1024) {
      throw new IllegalArgumentException("maxFrameChars " + maxFrameChars + " must be at least 1024");
    }
  }

  /**
   * Default settings for these relays.
   *
   * @param peers the relays to connect to, at least one {@code ws://} or {@code wss://} URL
   * @return settings with these relays and every other setting at its default
   * @throws IllegalArgumentException if {@code peers} is empty or holds a URL that is not ws or wss
   */
  public static GunOptions peers(List<URI> peers) {
    return new GunOptions(
        peers,
        DEFAULT_NAMESPACE,
        Duration.ofSeconds(5),
        Duration.ofSeconds(2),
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        16 * 1024 * 1024);
  }

  /**
   * Default settings for these relays.
   *
   * @param peers the relays to connect to, at least one {@code ws://} or {@code wss://} URL
   * @return settings with these relays and every other setting at its default
   * @throws IllegalArgumentException if {@code peers} is empty or holds a URL that is not ws or wss
   */
  public static GunOptions peers(URI... peers) {
    return peers(List.of(peers));
  }

  /**
   * These settings with another namespace.
   *
   * @param namespace the new soul prefix
   * @return a copy with that namespace
   * @throws IllegalArgumentException if {@code namespace} is not a valid soul prefix
   */
  public GunOptions withNamespace(String namespace) {
    return new GunOptions(peers, namespace, connectTimeout, ackTimeout, backoffInitial, backoffMax, resubscribeEvery, maxFrameChars);
  }

  /**
   * These settings with another acknowledgement timeout.
   *
   * @param ackTimeout how long to wait for an acknowledgement before reading a publish back; positive
   * @return a copy with that timeout
   */
  public GunOptions withAckTimeout(Duration ackTimeout) {
    return new GunOptions(peers, namespace, connectTimeout, ackTimeout, backoffInitial, backoffMax, resubscribeEvery, maxFrameChars);
  }

  /**
   * These settings with other reconnect delays.
   *
   * @param initial the first reconnect delay; positive, at most {@code max}
   * @param max the cap of the exponential backoff; positive
   * @return a copy with those delays
   */
  public GunOptions withBackoff(Duration initial, Duration max) {
    return new GunOptions(peers, namespace, connectTimeout, ackTimeout, initial, max, resubscribeEvery, maxFrameChars);
  }

  /**
   * These settings with another resubscription period.
   *
   * @param resubscribeEvery how often subscriptions are re-sent to every relay; zero disables
   * @return a copy with that period
   */
  public GunOptions withResubscribeEvery(Duration resubscribeEvery) {
    return new GunOptions(peers, namespace, connectTimeout, ackTimeout, backoffInitial, backoffMax, resubscribeEvery, maxFrameChars);
  }

  /**
   * Reads string options (see the class description).
   *
   * @param options option keys and their string values; {@code peers} is required
   * @return the settings, with defaults for absent keys
   * @throws IllegalArgumentException naming the key, the value and the rule for an unknown key, a
   *     missing {@code peers}, or a malformed value
   */
  public static GunOptions parse(Map<String, String> options) {
    for (String key : new TreeSet<>(options.keySet())) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "unknown gun transport option '" + key + "'; known options: " + new TreeSet<>(KEYS));
      }
    }
    String peerList = options.get("peers");
    if (peerList == null || peerList.isBlank()) {
      throw new IllegalArgumentException(
          "gun transport option 'peers' is required: comma-separated ws:// URLs, e.g. ws://127.0.0.1:8765/gun");
    }
    List<URI> peers = new ArrayList<>();
    for (String part : peerList.split(",", -1)) {
      String url = part.trim();
      if (url.isEmpty()) {
        throw new IllegalArgumentException("option 'peers' value '" + peerList + "' has an empty URL");
      }
      try {
        peers.add(URI.create(url));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("option 'peers' URL '" + url + "' is not a valid URI: " + e.getMessage(), e);
      }
    }
    GunOptions d = peers(peers);
    return new GunOptions(
        peers,
        options.getOrDefault("namespace", d.namespace()),
        duration(options, "connectTimeout", d.connectTimeout()),
        duration(options, "ackTimeout", d.ackTimeout()),
        duration(options, "backoffInitial", d.backoffInitial()),
        duration(options, "backoffMax", d.backoffMax()),
        duration(options, "resubscribeEvery", d.resubscribeEvery()),
        integer(options, "maxFrameChars", d.maxFrameChars()));
  }

  private static void requirePeer(URI peer) {
    String scheme = peer == null ? null : peer.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))
        || peer.getHost() == null) {
      throw new IllegalArgumentException(
          "peer '" + peer + "' must be a ws:// or wss:// URL with a host, e.g. ws://127.0.0.1:8765/gun");
    }
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " " + d + " must be a positive duration");
    }
  }

  private static int integer(Map<String, String> options, String key, int fallback) {
    String v = options.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option '" + key + "' value '" + v + "' is not an integer", e);
    }
  }

  /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 0} or ISO-8601 such as {@code PT5S}. */
  static Duration duration(Map<String, String> options, String key, Duration fallback) {
    String raw = options.get(key);
    if (raw == null) {
      return fallback;
    }
    String v = raw.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(raw.trim());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "option '" + key + "' value '" + raw + "' is not a duration such as 500ms, 5s, 2m or PT5S");
  }
}
