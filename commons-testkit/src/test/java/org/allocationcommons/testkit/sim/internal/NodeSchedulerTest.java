package org.allocationcommons.testkit.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.junit.jupiter.api.Test;

class NodeSchedulerTest {

  private final VirtualScheduler shared = VirtualScheduler.startingAt(Instant.EPOCH);

  @Test
  void interleavesWithOtherNodesInTheSharedOrder() {
    NodeScheduler a = new NodeScheduler(shared);
    NodeScheduler b = new NodeScheduler(shared);
    List<String> ran = new ArrayList<>();
    a.schedule(Duration.ofMillis(20), () -> ran.add("a20"));
    b.schedule(Duration.ofMillis(10), () -> ran.add("b10"));
    a.schedule(Duration.ofMillis(10), () -> ran.add("a10"));
    shared.runUntilIdle(10);
    assertThat(ran).containsExactly("b10", "a10", "a20");
    assertThat(a.clock().millis()).isEqualTo(20);
  }

  @Test
  void killedNodeRunsNothingMoreButOthersDo() {
    NodeScheduler a = new NodeScheduler(shared);
    NodeScheduler b = new NodeScheduler(shared);
    List<String> ran = new ArrayList<>();
    a.schedule(Duration.ofMillis(10), () -> ran.add("a10"));
    b.schedule(Duration.ofMillis(10), () -> ran.add("b10"));
    a.kill();
    a.kill();
    assertThat(a.schedule(Duration.ZERO, () -> ran.add("late")).cancel()).isFalse();
    shared.runUntilIdle(10);
    assertThat(ran).containsExactly("b10");
    assertThat(a.isDead()).isTrue();
    assertThat(a.dropped()).isEqualTo(2);
    assertThat(b.isDead()).isFalse();
  }

  @Test
  void cancellationStillWorksAndNegativeDelaysAreRejected() {
    NodeScheduler a = new NodeScheduler(shared);
    List<String> ran = new ArrayList<>();
    var c = a.schedule(Duration.ofMillis(5), () -> ran.add("x"));
    assertThat(c.cancel()).isTrue();
    assertThat(c.cancel()).isFalse();
    var done = a.schedule(Duration.ofMillis(5), () -> ran.add("y"));
    shared.runUntilIdle(10);
    assertThat(ran).containsExactly("y");
    assertThat(done.cancel()).isFalse();
    assertThatThrownBy(() -> a.schedule(Duration.ofMillis(-1), () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
