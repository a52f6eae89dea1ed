package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

  @Test
  void remembersUpToItsCapacityEvictingTheLeastRecentlySeen() {
    RecentIds ids = new RecentIds(2);
    assertThat(ids.add("a")).isTrue();
    assertThat(ids.add("b")).isTrue();
    assertThat(ids.add("a")).isFalse(); // seen; now most recent
    assertThat(ids.add("c")).isTrue(); // evicts b
    assertThat(ids.size()).isEqualTo(2);
    assertThat(ids.add("a")).isFalse();
    assertThat(ids.add("b")).isTrue();
  }
}
