package org.allocationcommons.sync.store;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A store as a {@link Flow.Publisher}: each subscriber gets the current value, then new ones as it
 * requests them. A store is state, not a stream of events, so a subscriber that has not requested
 * more gets only the latest value once it does (intermediate values are conflated); nothing is
 * buffered beyond one value per subscriber. The stream never completes; cancelling ends the
 * store subscription.
 */
final class StorePublisher<T> implements Flow.Publisher<T> {

  private final ReadableStore<T> store;

  StorePublisher(ReadableStore<T> store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Conflating<T> s = new Conflating<>(subscriber);
    subscriber.onSubscribe(s);
    Registration r = store.subscribe(s::offer);
    s.registration(r);
  }

  /** One subscriber's demand and the latest undelivered value, drained by one thread at a time. */
  private static final class Conflating<T> implements Flow.Subscription {
    private final Flow.Subscriber<? super T> subscriber;
    private T latest; // undelivered, or null
    private long demand;
    private boolean draining;
    private boolean cancelled;
    private Registration registration;

    Conflating(Flow.Subscriber<? super T> subscriber) {
      this.subscriber = subscriber;
    }

    void registration(Registration r) {
      boolean closeNow;
      synchronized (this) {
        registration = r;
        closeNow = cancelled;
      }
      if (closeNow) {
        r.close();
      }
    }

    void offer(T value) {
      synchronized (this) {
        if (cancelled) {
          return;
        }
        latest = value;
      }
      drain();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        subscriber.onError(new IllegalArgumentException("request(" + n + "): must be > 0 (Reactive Streams rule 3.9)"));
        return;
      }
      synchronized (this) {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      }
      drain();
    }

    @Override
    public void cancel() {
      Registration r;
      synchronized (this) {
        cancelled = true;
        latest = null;
        r = registration;
      }
      if (r != null) {
        r.close();
      }
    }

    private void drain() {
      while (true) {
        T next;
        synchronized (this) {
          if (draining || cancelled || latest == null || demand == 0) {
            return;
          }
          draining = true;
          next = latest;
          latest = null;
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
        }
        try {
          subscriber.onNext(next);
        } finally {
          synchronized (this) {
            draining = false;
          }
        }
      }
    }
  }
}
