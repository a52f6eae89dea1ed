package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.allocationcommons.sync.envelope.Rejection;
import org.allocationcommons.sync.inbound.InboundBudget;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.junit.jupiter.api.Test;

/** SPEC 7's limits as the node's builder sets them. */
class NodeLimitsTest {

  @Test
  void theInboundBudgetIsTheBuildersAndDropsWhatIsBeyondIt() {
    TestCommons commons = new TestCommons();
    String bob = TestCommons.identity(1).pubKey();
    CommonsNode alice =
        commons.builder(TestCommons.identity(0)).founder().follow(bob)
            .inboundBudget(new InboundBudget(1e6, 1 << 20, 0.001, 2)).build();
    alice.start();
    commons.run(Duration.ofMillis(10));
    String path = DocumentPaths.of(bob, DocumentPaths.COMMITMENT);
    for (int i = 0; i < 6; i++) {
      commons.network.transport().publish(path, ("not an envelope " + i).getBytes());
    }
    commons.run(Duration.ofMillis(10));
    assertThat(alice.diagnostics().rejected().get(Rejection.RATE_LIMITED)).isEqualTo(4);
    assertThat(alice.diagnostics().rejected().get(Rejection.MALFORMED)).isEqualTo(2);
  }

  @Test
  void aMissingBudgetIsRefusedByName() {
    assertThatThrownBy(() -> CommonsNode.builder().inboundBudget(null)).hasMessageContaining("budget");
  }
}
