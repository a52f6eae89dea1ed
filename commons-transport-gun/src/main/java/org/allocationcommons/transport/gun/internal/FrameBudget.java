package org.allocationcommons.transport.gun.internal;

/**
 * A token bucket bounding the frames sent on one connection: at most {@code framesPerMinute} in any
 * 60 s window. Its capacity is a tenth of the budget and it refills at the rest per minute, so a
 * window holds at most capacity + refill = the budget. Holster counts frames per connection in a
 * sliding minute and drops (then disconnects) beyond its limit, so a bucket set below that limit
 * never trips it. Time is given by the caller in nanoseconds (monotonic). Thread-safe.
 */
public final class FrameBudget {

  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  /** A full bucket for {@code framesPerMinute} (at least 10) at time {@code nowNanos}. */
  public FrameBudget(int framesPerMinute, long nowNanos) {
    if (framesPerMinute < 10) {
      throw new IllegalArgumentException("framesPerMinute " + framesPerMinute + " must be at least 10");
    }
    this.capacity = Math.floor(framesPerMinute / 10.0);
    this.perNano = (framesPerMinute - capacity) / 60e9;
    this.tokens = capacity;
    this.last = nowNanos;
  }

  /** Takes one frame's token: returns 0 if taken, else the nanoseconds until one will be there. */
  public synchronized long tryTake(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
      last = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
  }
}
