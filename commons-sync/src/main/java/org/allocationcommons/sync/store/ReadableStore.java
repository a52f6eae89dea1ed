package org.allocationcommons.sync.store;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A value that changes over time and tells its subscribers (a reactive store, like Svelte's).
 *
 * @param <T> the value type, never null
 */
public interface ReadableStore<T> {

  /**
   * The current value.
   *
   * @return the current value
   */
  T get();

  /**
   * Calls {@code listener} with the current value now, then with every new value, until the
   * returned registration is closed. Listeners are never called while the store holds a lock; a
   * listener that throws is isolated (reported, and the others are still called).
   *
   * @param listener called with the current and every new value
   * @return the registration that stops the calls when closed
   */
  Registration subscribe(Consumer<? super T> listener);

  /**
   * The first value, current or later, that satisfies {@code condition}: a way to wait for
   * something to happen without writing a listener, e.g. {@code
   * node.received().when(r -> r.total() > 0).get(30, TimeUnit.SECONDS)}.
   *
   * <p>The future completes on the thread that sets the value (at once if the current value
   * satisfies the condition), and fails if {@code condition} throws. The store's subscription ends
   * when the future completes, including when the caller cancels it or it times out ({@link
   * CompletableFuture#orTimeout}), so an abandoned wait does not keep listening.
   *
   * @param condition tested on the current value and then on every new one
   * @return completes with the first value satisfying {@code condition}
   */
  default CompletableFuture<T> when(Predicate<? super T> condition) {
    Objects.requireNonNull(condition, "condition");
    CompletableFuture<T> first = new CompletableFuture<>();
    Registration registration =
        subscribe(
            v -> {
              if (first.isDone()) {
                return;
              }
              try {
                if (condition.test(v)) {
                  first.complete(v);
                }
              } catch (RuntimeException e) {
                first.completeExceptionally(e);
              }
            });
    first.whenComplete((v, e) -> registration.close());
    return first;
  }

  /**
   * This store as a {@link java.util.concurrent.Flow.Publisher}, for reactive libraries (Reactor's
   * {@code JdkFlowAdapter}, RxJava, Mutiny, ...): each subscriber gets the current value, then new
   * ones as it requests them, the latest only if it fell behind (a store is state: intermediate
   * values are conflated, never buffered).
   *
   * @return a publisher of this store's values
   */
  default java.util.concurrent.Flow.Publisher<T> asPublisher() {
    return new StorePublisher<>(this);
  }
}
