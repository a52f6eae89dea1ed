package org.allocationcommons.sync.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allocationcommons.sync.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Factories of reactive stores: {@link #writable}, and {@link #derived} with or without debounce.
 *
 * <p>All stores share these rules: values are never null; setting an equal value notifies nobody;
 * listeners are called outside any lock; a listener that throws is isolated: its failure goes to the
 * store's failure handler (by default logged at ERROR) and the remaining listeners are still called.
 */
public final class Stores {

  private static final Logger log = LoggerFactory.getLogger(Stores.class);

  /** The default failure handler: logs the failure. */
  public static final Consumer<RuntimeException> LOG_FAILURES =
      e -> log.error("store listener failed; the other listeners were still notified", e);

  private Stores() {}

  /**
   * A store holding {@code initial}; listener failures are logged.
   *
   * @param <T> the value type
   * @param initial the first value
   * @return the store
   */
  public static <T> WritableStore<T> writable(T initial) {
    return new Cell<>(initial, LOG_FAILURES);
  }

  /**
   * A store holding {@code initial}; listener failures go to {@code onListenerFailure}.
   *
   * @param <T> the value type
   * @param initial the first value
   * @param onListenerFailure receives what a listener throws
   * @return the store
   */
  public static <T> WritableStore<T> writable(T initial, Consumer<RuntimeException> onListenerFailure) {
    return new Cell<>(initial, Objects.requireNonNull(onListenerFailure, "onListenerFailure"));
  }

  /**
   * A store whose value is {@code f(source)}, recomputed synchronously on every change.
   *
   * @param <A> the source's value type
   * @param <R> the derived value type
   * @param source the store derived from
   * @param f computes the value from the source's
   * @return the derived store
   */
  public static <A, R> DerivedStore<R> derived(ReadableStore<A> source, Function<? super A, ? extends R> f) {
    return new DerivedCell<>(List.of(source), () -> f.apply(source.get()), null, Duration.ZERO);
  }

  /**
   * A store whose value is {@code f(a, b)}, recomputed synchronously when either changes.
   *
   * @param <A> the first source's value type
   * @param <B> the second source's value type
   * @param <R> the derived value type
   * @param a the first source
   * @param b the second source
   * @param f computes the value from both sources' values
   * @return the derived store
   */
  public static <A, B, R> DerivedStore<R> derived(
      ReadableStore<A> a, ReadableStore<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
    return new DerivedCell<>(List.of(a, b), () -> f.apply(a.get(), b.get()), null, Duration.ZERO);
  }

  /**
   * A store whose value is {@code compute.get()}, computed now and then recomputed on {@code
   * scheduler} once per burst of source changes, {@code debounce} after the first change of the
   * burst (see {@link Debouncer}). {@code compute} reads the sources itself.
   *
   * @param <R> the derived value type
   * @param sources the stores whose changes trigger a recomputation
   * @param compute computes the value
   * @param scheduler where recomputations run
   * @param debounce the delay from a burst's first change to the recomputation
   * @return the derived store
   */
  public static <R> DerivedStore<R> derived(
      List<? extends ReadableStore<?>> sources, Supplier<? extends R> compute, Scheduler scheduler, Duration debounce) {
    return new DerivedCell<>(
        List.copyOf(sources), compute, Objects.requireNonNull(scheduler, "scheduler"), Scheduler.requireDelay(debounce));
  }

  /** The mutable store. */
  private static class Cell<T> implements WritableStore<T> {
    private final Consumer<RuntimeException> onFailure;
    private final CopyOnWriteArrayList<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile T value;

    Cell(T initial, Consumer<RuntimeException> onFailure) {
      this.value = Objects.requireNonNull(initial, "initial value");
      this.onFailure = onFailure;
    }

    @Override
    public T get() {
      return value;
    }

    @Override
    public void set(T next) {
      Objects.requireNonNull(next, "value");
      synchronized (lock) {
        if (next.equals(value)) {
          return;
        }
        value = next;
      }
      for (Consumer<? super T> l : listeners) {
        call(l, next);
      }
    }

    @Override
    public Registration subscribe(Consumer<? super T> listener) {
      Objects.requireNonNull(listener, "listener");
      listeners.add(listener);
      call(listener, value);
      return () -> listeners.remove(listener);
    }

    private void call(Consumer<? super T> l, T v) {
      try {
        l.accept(v);
      } catch (RuntimeException e) {
        onFailure.accept(e);
      }
    }
  }

  private static final class DerivedCell<R> extends Cell<R> implements DerivedStore<R> {
    private final List<Registration> upstream = new ArrayList<>();
    private final Supplier<? extends R> compute;
    private final Debouncer debouncer;
    private boolean subscribing = true;

    DerivedCell(List<? extends ReadableStore<?>> sources, Supplier<? extends R> compute, Scheduler scheduler, Duration debounce) {
      super(compute.get(), LOG_FAILURES);
      this.compute = compute;
      this.debouncer = scheduler == null ? null : Debouncer.of(scheduler, debounce, this::recompute);
      for (ReadableStore<?> s : sources) {
        upstream.add(s.subscribe(v -> changed()));
      }
      subscribing = false;
    }

    private void changed() {
      if (subscribing) {
        return;
      }
      if (debouncer == null) {
        recompute();
      } else {
        debouncer.trigger();
      }
    }

    private void recompute() {
      set(compute.get());
    }

    @Override
    public void close() {
      upstream.forEach(Registration::close);
      upstream.clear();
      if (debouncer != null) {
        debouncer.cancel();
      }
    }
  }
}
