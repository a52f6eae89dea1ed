package org.allocationcommons.transport.gun;

/**
 * Which relay a {@link GunTransport} speaks to. Both dialects carry the same graph protocol (the
 * same {@code put}/{@code get} messages, souls, HAM states and base64 documents); they differ in what
 * the relay does with them:
 *
 * <ul>
 *   <li>{@link #GUN}: GUN relays. Frames may batch messages in a JSON array; a relay acknowledges a
 *       put with {@code ok} (or never, without storage), so a publish is also confirmed when a relay
 *       shows it holds the state (a routed put or a get reply).
 *   <li>{@link #holster(int)}: Holster relays (1.0.x). One message per frame (Holster forwards an
 *       array frame without processing it); a publish is confirmed only by the relay's ack
 *       {@code {"@": ourId, "err": null}}, never by the relay's echo of our own put (sent to every
 *       client before it stores anything); an unacknowledged publish is re-sent with a fresh state and
 *       id after the ack timeout (Holster acks nothing for an unchanged value and remembers every
 *       message id); frames above {@value #HOLSTER_MAX_FRAME_BYTES} bytes are refused locally; an
 *       {@code {"error": ...}} frame fails the publish it answers; outgoing frames keep within a
 *       per-connection budget below Holster's 1,000 frames per sliding minute, and a {@code throttle}
 *       reply pauses the connection and re-sends the throttled frame; subscriptions are sent on each
 *       (re)connect only, never periodically (the relay shows every put to every connected client
 *       and answers each get to all of them); a get for a document of ours is answered only when
 *       the relay shows it lacks it (its reply to the get is empty and it never echoed our put).
 * </ul>
 */
public final class Dialect {

  /** Holster's limit on one frame ({@code maxMessageSize}, default 1 MiB, checked on the UTF-8 bytes). */
  public static final int HOLSTER_MAX_FRAME_BYTES = 1024 * 1024;

  /** Holster's rate limit: frames per connection per sliding minute. */
  public static final int HOLSTER_RELAY_FRAMES_PER_MINUTE = 1000;

  /** Our default budget, a margin below {@link #HOLSTER_RELAY_FRAMES_PER_MINUTE}. */
  public static final int HOLSTER_DEFAULT_FRAMES_PER_MINUTE = 900;

  /** GUN relays. */
  public static final Dialect GUN = new Dialect("gun", 0, 0);

  private final String name;
  private final int maxFrameBytes;
  private final int framesPerMinute;

  private Dialect(String name, int maxFrameBytes, int framesPerMinute) {
    this.name = name;
    this.maxFrameBytes = maxFrameBytes;
    this.framesPerMinute = framesPerMinute;
  }

  /**
   * Holster relays, sending at most {@value #HOLSTER_DEFAULT_FRAMES_PER_MINUTE} frames per minute per connection.
   *
   * @return the Holster dialect with the default frame budget
   */
  public static Dialect holster() {
    return holster(HOLSTER_DEFAULT_FRAMES_PER_MINUTE);
  }

  /**
   * Holster relays, sending at most {@code framesPerMinute} frames in any 60 s per connection (more
   * are queued); between 10 and {@value #HOLSTER_RELAY_FRAMES_PER_MINUTE}.
   *
   * @param framesPerMinute the per-connection budget of outgoing frames in any 60 s
   * @return the Holster dialect with that budget
   * @throws IllegalArgumentException if {@code framesPerMinute} is below 10 or above
   *     {@value #HOLSTER_RELAY_FRAMES_PER_MINUTE}
   */
  public static Dialect holster(int framesPerMinute) {
    if (framesPerMinute < 10 || framesPerMinute > HOLSTER_RELAY_FRAMES_PER_MINUTE) {
      throw new IllegalArgumentException(
          "framesPerMinute " + framesPerMinute + " must be between 10 and "
              + HOLSTER_RELAY_FRAMES_PER_MINUTE + " (Holster's own limit)");
    }
    return new Dialect("holster", HOLSTER_MAX_FRAME_BYTES, framesPerMinute);
  }

  /**
   * The dialect's name, also the provider name.
   *
   * @return {@code gun} or {@code holster}
   */
  public String name() {
    return name;
  }

  /**
   * Whether this is the Holster dialect.
   *
   * @return true for Holster, false for GUN
   */
  public boolean isHolster() {
    return this != GUN;
  }

  /**
   * The largest frame the relay takes.
   *
   * @return the limit in UTF-8 bytes; 0 for no limit
   */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /**
   * The per-connection budget of outgoing frames in any 60 s.
   *
   * @return the number of frames; 0 for no budget
   */
  public int framesPerMinute() {
    return framesPerMinute;
  }

  @Override
  public String toString() {
    return isHolster() ? name + "(" + framesPerMinute + " frames/min)" : name;
  }
}
