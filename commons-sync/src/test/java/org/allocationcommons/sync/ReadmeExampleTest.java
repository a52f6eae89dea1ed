package org.allocationcommons.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.memory.MemoryNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's code example, run as written (real threads, system clock, storage folders). */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleRunsAsWritten(@TempDir Path dir) throws Exception {
    CompletableFuture<Double> bobReceives = new CompletableFuture<>();
    // --- README example starts ---
    MemoryNetwork commons = MemoryNetwork.create(); // or Transports.open("gun", Map.of("peers", "ws://relay:8765/gun"))
    Identity alice = Identity.generate();
    Identity bob = Identity.generate();

    try (CommonsNode a = CommonsNode.builder().identity(alice).transport(commons.transport())
            .storage(dir.resolve("alice")).founder().build()) {
      a.start();
      Invitation invitation = a.invite(bob.pubKey()).toCompletableFuture().join(); // sponsored join: a disjoint ITC id
      try (CommonsNode b = CommonsNode.builder().identity(bob).transport(commons.transport())
              .storage(dir.resolve("bob")).joinWith(invitation).build()) {
        b.start();
        a.setCapacity(List.of(AvailabilitySlot.of("bread", "bread", 10)));
        a.setRecognition(Map.of(bob.pubKey(), 1.0));
        b.setNeeds(List.of(NeedSlot.of("bob-bread", "bread", 6)));
        b.setRecognition(Map.of(alice.pubKey(), 1.0));
        b.received().subscribe(r -> System.out.println("Bob receives " + r.total())); // soon 6.0: all he needs
        b.flush().toCompletableFuture().join(); // durable: survives a crash from here on
    // --- README example ends ---
        b.received().subscribe(r -> { if (r.total() > 0) bobReceives.complete(r.total()); });
        if (b.received().get().total() > 0) {
          bobReceives.complete(b.received().get().total());
        }
        assertThat(bobReceives.get(30, TimeUnit.SECONDS)).isCloseTo(6.0, within(1e-9));
      }
    }
  }
}
