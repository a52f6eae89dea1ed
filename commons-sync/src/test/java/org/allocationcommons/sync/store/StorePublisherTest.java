package org.allocationcommons.sync.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class StorePublisherTest {

  /** Records what it gets; requests nothing on its own. */
  static class Recorder implements Flow.Subscriber<Integer> {
    final List<Integer> values = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(Integer item) {
      values.add(item);
    }

    @Override
    public void onError(Throwable t) {
      errors.add(t);
    }

    @Override
    public void onComplete() {
      throw new AssertionError("a store never completes");
    }
  }

  @Test
  void demandIsHonouredAndALaggingSubscriberGetsTheLatestOnly() {
    WritableStore<Integer> store = Stores.writable(1);
    Recorder r = new Recorder();
    store.asPublisher().subscribe(r);
    assertThat(r.values).isEmpty(); // nothing before a request
    r.subscription.request(1);
    assertThat(r.values).containsExactly(1);
    store.set(2);
    store.set(3);
    store.set(4);
    assertThat(r.values).containsExactly(1);
    r.subscription.request(1);
    assertThat(r.values).containsExactly(1, 4);
    r.subscription.request(Long.MAX_VALUE);
    store.set(5);
    store.set(6);
    assertThat(r.values).containsExactly(1, 4, 5, 6);
    r.subscription.cancel();
    store.set(7);
    assertThat(r.values).containsExactly(1, 4, 5, 6);
    assertThat(r.errors).isEmpty();
  }

  @Test
  void aSubscriberRequestingFromOnNextGetsEveryValueInOrderWithoutRecursion() {
    WritableStore<Integer> store = Stores.writable(0);
    Recorder r =
        new Recorder() {
          @Override
          public void onNext(Integer item) {
            super.onNext(item);
            subscription.request(1);
          }
        };
    store.asPublisher().subscribe(r);
    r.subscription.request(1);
    for (int i = 1; i <= 10_000; i++) {
      store.set(i);
    }
    assertThat(r.values).hasSize(10_001).endsWith(10_000);
  }

  @Test
  void aNonPositiveRequestIsAnErrorAndEndsTheSubscription() {
    WritableStore<Integer> store = Stores.writable(1);
    Recorder r = new Recorder();
    store.asPublisher().subscribe(r);
    r.subscription.request(0);
    assertThat(r.errors).singleElement().satisfies(e -> assertThat(e).hasMessageContaining("3.9"));
    r.subscription.request(5);
    assertThat(r.values).isEmpty();
  }
}
