package org.allocationcommons.sync.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.spi.Transports;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

class MemoryNetworkTest {

  static final String PATH = DocumentPaths.of("alice", DocumentPaths.COMMITMENT);

  @Test
  void newSubscribersGetTheLatestPayloadThenEveryLaterOne() {
    MemoryNetwork net = MemoryNetwork.create();
    Transport a = net.transport();
    Transport b = net.transport();
    a.publish(PATH, new byte[] {1});
    a.publish(PATH, new byte[] {2});
    List<Byte> got = new ArrayList<>();
    b.subscribe(PATH, (p, bytes) -> got.add(bytes[0]));
    a.publish(PATH, new byte[] {3});
    assertThat(got).containsExactly((byte) 2, (byte) 3);
    assertThat(net.published()).isEqualTo(3);
    assertThat(net.delivered()).isEqualTo(2);
    assertThat(net.deliveredBytes()).isEqualTo(2);
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    MemoryNetwork net = MemoryNetwork.create();
    Transport t = net.transport();
    List<String> got = new ArrayList<>();
    t.subscribe(PATH, (p, b) -> { throw new IllegalStateException("boom"); });
    t.subscribe(PATH, (p, b) -> got.add(p));
    t.publish(PATH, new byte[0]);
    assertThat(got).containsExactly(PATH);
    assertThat(net.listenerFailures()).isEqualTo(1);
  }

  @Test
  void latencyDelaysDeliveryOnTheScheduler() {
    VirtualScheduler s = VirtualScheduler.startingAtDefaultEpoch();
    MemoryNetwork net = MemoryNetwork.withLatency(s, Duration.ofMillis(40));
    Transport t = net.transport();
    List<Long> at = new ArrayList<>();
    t.subscribe(PATH, (p, b) -> at.add(s.nowMillis()));
    long t0 = s.nowMillis();
    t.publish(PATH, new byte[0]);
    assertThat(at).isEmpty();
    s.advanceBy(Duration.ofMillis(39));
    assertThat(at).isEmpty();
    s.advanceBy(Duration.ofMillis(1));
    assertThat(at).containsExactly(t0 + 40);
  }

  @Test
  void closedSubscriptionsAndTransportsStopDelivery() {
    MemoryNetwork net = MemoryNetwork.create();
    Transport t = net.transport();
    List<String> got = new ArrayList<>();
    Subscription sub = t.subscribe(PATH, (p, b) -> got.add("sub"));
    sub.close();
    sub.close();
    t.publish(PATH, new byte[0]);
    assertThat(got).isEmpty();
    t.close();
    assertThatThrownBy(() -> t.publish(PATH, new byte[0])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> t.subscribe("nope", (p, b) -> {})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> net.transport().publish("nope", new byte[0])).hasMessageContaining("path 'nope'");
  }

  @Test
  void theMemoryProviderIsFoundByServiceLoaderAndSharesNamedBuses() {
    Transport a = Transports.open("memory", Map.of("network", "provider-test"));
    Transport b = Transports.open("memory", Map.of("network", "provider-test"));
    Transport other = Transports.open("memory", Map.of("network", "provider-test-2"));
    List<String> got = new ArrayList<>();
    b.subscribe(PATH, (p, bytes) -> got.add("b"));
    other.subscribe(PATH, (p, bytes) -> got.add("other"));
    a.publish(PATH, new byte[0]);
    assertThat(got).containsExactly("b");
    assertThat(a.name()).isEqualTo("memory");
    assertThatThrownBy(() -> Transports.open("memory", Map.of("peers", "x")))
        .hasMessageContaining("unknown option 'peers'");
  }
}
