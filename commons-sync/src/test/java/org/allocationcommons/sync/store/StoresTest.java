package org.allocationcommons.sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

class StoresTest {

  @Test
  void subscribersGetTheCurrentValueThenChangesOnly() {
    WritableStore<Integer> w = Stores.writable(1);
    List<Integer> got = new ArrayList<>();
    Registration r = w.subscribe(got::add);
    w.set(1);
    w.set(2);
    w.update(x -> x * 10);
    r.close();
    w.set(3);
    assertThat(got).containsExactly(1, 2, 20);
  }

  @Test
  void aFailingListenerIsIsolatedAndReported() {
    List<RuntimeException> reported = new ArrayList<>();
    WritableStore<String> w = Stores.writable("a", reported::add);
    List<String> got = new ArrayList<>();
    w.subscribe(v -> { if (v.equals("b")) { throw new IllegalStateException("listener bug"); } });
    w.subscribe(got::add);
    w.set("b");
    assertThat(got).containsExactly("a", "b");
    assertThat(reported).singleElement().extracting(Throwable::getMessage).isEqualTo("listener bug");
    assertThat(w.get()).isEqualTo("b");
  }

  @Test
  void derivedStoresFollowTheirSourcesSynchronously() {
    WritableStore<Integer> a = Stores.writable(2);
    WritableStore<Integer> b = Stores.writable(3);
    DerivedStore<Integer> sum = Stores.derived(a, b, Integer::sum);
    DerivedStore<String> text = Stores.derived(sum, x -> "=" + x);
    assertThat(text.get()).isEqualTo("=5");
    a.set(10);
    assertThat(text.get()).isEqualTo("=13");
    sum.close();
    a.set(0);
    assertThat(sum.get()).isEqualTo(13);
  }

  @Test
  void debouncedDerivedStoresCoalesceABurstIntoOneComputationAfterTheFirstChange() {
    VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
    WritableStore<Integer> a = Stores.writable(0);
    AtomicInteger computations = new AtomicInteger();
    DerivedStore<Integer> d =
        Stores.derived(List.of(a), () -> { computations.incrementAndGet(); return a.get() * 2; }, s, Duration.ofMillis(100));
    assertThat(d.get()).isZero();
    assertThat(computations).hasValue(1);
    a.set(1);
    s.advanceBy(Duration.ofMillis(60));
    a.set(2);
    s.advanceBy(Duration.ofMillis(39));
    assertThat(d.get()).isZero(); // 99 ms after the first change: not yet
    s.advanceBy(Duration.ofMillis(1));
    assertThat(d.get()).isEqualTo(4); // one computation, 100 ms after the first change, sees both
    assertThat(computations).hasValue(2);
    s.advanceBy(Duration.ofSeconds(1));
    assertThat(computations).hasValue(2);
    d.close();
    a.set(5);
    s.advanceBy(Duration.ofSeconds(1));
    assertThat(d.get()).isEqualTo(4);
  }

  @Test
  void debouncerFlushRunsAPendingActionAtOnce() {
    VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
    AtomicInteger runs = new AtomicInteger();
    Debouncer d = Debouncer.of(s, Duration.ofSeconds(1), runs::incrementAndGet);
    d.flush();
    assertThat(runs).hasValue(0);
    d.trigger();
    d.trigger();
    assertThat(d.isPending()).isTrue();
    d.flush();
    assertThat(runs).hasValue(1);
    s.advanceBy(Duration.ofSeconds(2));
    assertThat(runs).hasValue(1);
  }

  @Test
  void whenCompletesAtOnceIfTheCurrentValueSatisfiesTheCondition() {
    Counting<Integer> store = new Counting<>(Stores.writable(7));
    CompletableFuture<Integer> seven = store.when(x -> x > 5);
    assertThat(seven).isCompletedWithValue(7);
    assertThat(store.open).hasValue(0);
  }

  @Test
  void whenCompletesWithTheFirstSatisfyingValueAndStopsListening() {
    WritableStore<Integer> w = Stores.writable(0);
    Counting<Integer> store = new Counting<>(w);
    CompletableFuture<Integer> big = store.when(x -> x >= 10);
    w.set(3);
    assertThat(big).isNotDone();
    assertThat(store.open).hasValue(1);
    w.set(12);
    w.set(20);
    assertThat(big).isCompletedWithValue(12);
    assertThat(store.open).hasValue(0);
  }

  @Test
  void whenFailsIfTheConditionThrows() {
    WritableStore<String> w = Stores.writable("a");
    CompletableFuture<String> f = w.when(v -> { if (v.equals("b")) { throw new IllegalStateException("condition bug"); } return false; });
    w.set("b");
    assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasRootCauseMessage("condition bug");
  }

  @Test
  void anAbandonedWaitStopsListening() {
    Counting<Integer> store = new Counting<>(Stores.writable(0));
    CompletableFuture<Integer> never = store.when(x -> x > 0);
    never.orTimeout(1, TimeUnit.MILLISECONDS);
    assertThatThrownBy(never::join).isInstanceOf(CompletionException.class);
    assertThat(store.open).hasValue(0);
    CompletableFuture<Integer> cancelled = store.when(x -> x > 0);
    cancelled.cancel(false);
    assertThat(store.open).hasValue(0);
  }

  /** A store that counts its open subscriptions. */
  private static final class Counting<T> implements ReadableStore<T> {
    final AtomicInteger open = new AtomicInteger();
    private final ReadableStore<T> inner;

    Counting(ReadableStore<T> inner) {
      this.inner = inner;
    }

    @Override
    public T get() {
      return inner.get();
    }

    @Override
    public Registration subscribe(Consumer<? super T> listener) {
      open.incrementAndGet();
      Registration r = inner.subscribe(listener);
      AtomicInteger closed = new AtomicInteger();
      return () -> {
        if (closed.getAndIncrement() == 0) {
          open.decrementAndGet();
        }
        r.close();
      };
    }
  }
}
