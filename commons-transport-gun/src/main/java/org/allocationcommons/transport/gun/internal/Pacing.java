package org.allocationcommons.transport.gun.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How one Holster connection paces its frames: within a {@link FrameBudget}, paused after a {@code
 * throttle} reply, and remembering which of our frames the relay has not yet echoed (Holster handles
 * a connection's frames in order, so an echo marks every older frame handled and an {@code error}
 * answers the oldest unhandled one). Not thread-safe: the connection calls it under its own monitor.
 */
public final class Pacing {

  /** Frames the relay dropped silently (ids it had seen) are forgotten beyond this many. */
  static final int MAX_UNANSWERED = 4096;

  private final FrameBudget budget;
  private long pausedUntil;
  /** Our frames sent on this connection that the relay has not yet echoed, by id, oldest first. */
  private final LinkedHashMap<String, String> unanswered = new LinkedHashMap<>();

  /** Pacing within {@code framesPerMinute} from {@code nowNanos} (monotonic). */
  public Pacing(int framesPerMinute, long nowNanos) {
    this.budget = new FrameBudget(framesPerMinute, nowNanos);
    this.pausedUntil = nowNanos;
  }

  /** 0 if a frame may be sent now (its token taken), else the nanoseconds to wait first. */
  public long waitNanos(long nowNanos) {
    long wait = Math.max(0, pausedUntil - nowNanos);
    if (wait == 0) {
      wait = budget.tryTake(nowNanos);
    }
    return wait;
  }

  /** Records that {@code frame} was sent: it waits for the relay's echo. */
  public void sent(String frame) {
    String id = Ids.ownIdOf(frame);
    if (id != null) {
      unanswered.put(id, frame);
      if (unanswered.size() > MAX_UNANSWERED) {
        oldestUnanswered();
      }
    }
  }

  /** The relay echoed our message {@code id}: it and every older frame are handled. */
  public void handled(String id) {
    if (!unanswered.containsKey(id)) {
      return;
    }
    Iterator<String> it = unanswered.keySet().iterator();
    while (it.hasNext()) {
      String next = it.next();
      it.remove();
      if (next.equals(id)) {
        return;
      }
    }
  }

  /** Removes and returns the id of the oldest frame not yet handled, or null. */
  public String oldestUnanswered() {
    Iterator<String> it = unanswered.keySet().iterator();
    if (!it.hasNext()) {
      return null;
    }
    String id = it.next();
    it.remove();
    return id;
  }

  /**
   * The relay dropped our message {@code id} unprocessed and asked for a pause of {@code millis}:
   * pauses, and returns that frame to send again first (null if it is not one of ours still waiting).
   */
  public String throttled(String id, long millis, long nowNanos) {
    pausedUntil = Math.max(pausedUntil, nowNanos + TimeUnit.MILLISECONDS.toNanos(millis));
    return unanswered.remove(id);
  }

  /** The connection was lost: nothing sent on it will be answered. */
  public void reset() {
    unanswered.clear();
  }
}
