package org.allocationcommons.transport.gun.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublisherTest {

  @Test
  void theWaitForAnUnconfirmedPublishDoublesFromOneAckTimeoutUpToTheCap() {
    assertThat(Publisher.backoff(500, 0)).isEqualTo(500);
    assertThat(Publisher.backoff(500, 1)).isEqualTo(1_000);
    assertThat(Publisher.backoff(500, 2)).isEqualTo(2_000);
    assertThat(Publisher.backoff(500, 3)).isEqualTo(4_000);
    assertThat(Publisher.backoff(500, 4)).isEqualTo(500L * Publisher.MAX_BACKOFF_FACTOR);
    assertThat(Publisher.backoff(500, 5)).isEqualTo(500L * Publisher.MAX_BACKOFF_FACTOR);
    assertThat(Publisher.backoff(2_000, Integer.MAX_VALUE)).as("no overflow").isEqualTo(2_000L * Publisher.MAX_BACKOFF_FACTOR);
  }
}
