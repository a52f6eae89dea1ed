package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.time.VirtualScheduler;

/** A small commons on one virtual scheduler and one in-memory bus, for tests. */
final class TestCommons {

  final VirtualScheduler scheduler = VirtualScheduler.startingAtDefaultEpoch();
  final MemoryNetwork network = MemoryNetwork.create();

  static Identity identity(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 7;
    return Identity.fromSeed(seed);
  }

  CommonsNode.Builder builder(Identity id) {
    return CommonsNode.builder().identity(id).transport(network.transport()).scheduler(scheduler);
  }

  CommonsNode founder(Identity id) {
    CommonsNode n = builder(id).founder().build();
    n.start();
    return n;
  }

  CommonsNode founder(Identity id, Path storage) {
    CommonsNode n = builder(id).storage(storage).founder().build();
    n.start();
    return n;
  }

  /** {@code sponsor} invites {@code id}, which joins with the invitation (out of band). */
  CommonsNode join(CommonsNode sponsor, Identity id) {
    Invitation inv = await(sponsor.invite(id.pubKey()));
    CommonsNode n = builder(id).joinWith(inv).build();
    n.start();
    return n;
  }

  /** Runs the scheduler until {@code stage} completes (at most 10 virtual seconds). */
  <T> T await(CompletionStage<T> stage) {
    var f = stage.toCompletableFuture();
    for (int i = 0; i < 100_000 && !f.isDone(); i++) {
      if (!scheduler.runNext()) {
        break;
      }
    }
    assertThat(f).isDone();
    return f.join();
  }

  void run(Duration d) {
    scheduler.advanceBy(d);
  }
}
