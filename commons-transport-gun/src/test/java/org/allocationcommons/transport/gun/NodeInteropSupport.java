package org.allocationcommons.transport.gun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.allocationcommons.core.allocation.Allocation;
import org.allocationcommons.core.allocation.AllocationInput;
import org.allocationcommons.core.allocation.AllocationPolicy;
import org.allocationcommons.core.allocation.AllocationResult;
import org.allocationcommons.core.allocation.MutualRecognition;
import org.allocationcommons.core.model.AllocationState;
import org.allocationcommons.core.model.AvailabilitySlot;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.model.NeedSlot;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.CommonsNode;
import org.allocationcommons.sync.document.Invitation;
import org.allocationcommons.sync.envelope.Identity;
import org.allocationcommons.sync.envelope.Rejection;

/**
 * What {@link GunNodeInteropTest} and {@link HolsterNodeInteropTest} share: whole participants
 * ({@link CommonsNode}s on real threads, each on the {@link GunTransport} the subclass opens) in a
 * commons through real relays, the commons they build, the allocation they must reach, and the
 * cases both relays run (two nodes, a relay restart).
 */
abstract class NodeInteropSupport extends InteropResources {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final double NEED = 6;
  static final double PER_PROVIDER = 2;

  /** A transport to {@code relay} in the subclass's dialect and timeouts. */
  abstract GunTransport openTransport(URI relay);

  /** The rejections the relay may cause by design (none for GUN). */
  abstract Set<Rejection> toleratedRejections();

  CommonsNode node(Identity id, URI relay, Optional<Invitation> invitation) {
    CommonsNode.Builder b =
        CommonsNode.builder().identity(id).transport(keep(openTransport(relay))).storage(temp.resolve(id.pubKey()));
    invitation.ifPresentOrElse(b::joinWith, b::founder);
    CommonsNode n = keep(b.build());
    n.start();
    return n;
  }

  /** A founder on the first relay and {@code size - 1} members it invites, spread over the relays. */
  List<CommonsNode> commons(int size, List<URI> relays) throws Exception {
    List<CommonsNode> nodes = new ArrayList<>();
    nodes.add(node(Identity.generate(), relays.get(0), Optional.empty()));
    for (int i = 1; i < size; i++) {
      Identity id = Identity.generate();
      Invitation inv = nodes.get(0).invite(id.pubKey()).toCompletableFuture().get(10, TimeUnit.SECONDS);
      nodes.add(node(id, relays.get(i % relays.size()), Optional.of(inv)));
    }
    return nodes;
  }

  /**
   * Nodes 0 and 1 provide bread, {@code PER_PROVIDER} for each other participant; everyone else
   * needs {@code NEED} and recognises both providers, who recognise them back. Each recipient
   * therefore gets {@code PER_PROVIDER} from each provider (below its need: nobody is
   * over-allocated, so the commons settles).
   */
  static void share(List<CommonsNode> nodes) {
    List<CommonsNode> providers = nodes.subList(0, 2);
    List<CommonsNode> recipients = nodes.subList(2, nodes.size());
    Map<String, Double> providerWeights = new LinkedHashMap<>();
    recipients.forEach(r -> providerWeights.put(r.pubKey(), 1.0 / recipients.size()));
    for (CommonsNode p : providers) {
      p.setCapacity(List.of(AvailabilitySlot.of("bread-" + p.pubKey().substring(0, 6), "bread", PER_PROVIDER * recipients.size())));
      p.setRecognition(providerWeights);
    }
    Map<String, Double> recipientWeights = new LinkedHashMap<>();
    providers.forEach(p -> recipientWeights.put(p.pubKey(), 0.5));
    for (CommonsNode r : recipients) {
      r.setNeeds(List.of(NeedSlot.of("need", "bread", NEED)));
      r.setRecognition(recipientWeights);
    }
  }

  static void await(String what, BooleanSupplier condition, Supplier<Object> onTimeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT + " waiting for: " + what + "\n" + onTimeout.get());
      }
      Thread.sleep(50);
    }
  }

  static boolean settled(List<CommonsNode> nodes) {
    for (CommonsNode r : nodes.subList(2, nodes.size())) {
      if (Math.abs(r.received().get().total() - 2 * PER_PROVIDER) > 1e-9) {
        return false;
      }
    }
    return nodes.stream().allMatch(n -> n.converged().get());
  }

  static String diagnosticsOf(List<CommonsNode> nodes) {
    StringBuilder sb = new StringBuilder();
    for (CommonsNode n : nodes) {
      sb.append(n.pubKey(), 0, 8).append(": received ").append(n.received().get().total())
          .append(", converged ").append(n.converged().get())
          .append(", holds ").append(n.networkCommitments().get().size()).append(" commitments\n");
    }
    return sb.toString();
  }

  /** Whether each provider's published state is exactly commons-core's result for the commitments it holds. */
  static boolean providersPublishWhatCommonsCoreComputes(List<CommonsNode> nodes) {
    for (CommonsNode p : nodes.subList(0, 2)) {
      Optional<AllocationState> state = p.allocationState().get();
      if (state.isEmpty()) {
        return false;
      }
      Map<String, Commitment> net = new HashMap<>(p.networkCommitments().get());
      net.remove(p.pubKey());
      Commitment mine = p.commitment().get().orElseThrow();
      Map<String, Map<String, Double>> theirWeights = new HashMap<>();
      net.forEach((k, c) -> theirWeights.put(k, c.recognitionWeights()));
      Map<String, Double> mr = MutualRecognition.compute(p.pubKey(), mine.recognitionWeights(), theirWeights);
      AllocationResult expected =
          Allocation.compute(
              AllocationInput.of(p.pubKey(), mine, mr, mine.recognitionWeights(), Subgroups.active(net, System.currentTimeMillis())),
              AllocationPolicy.FAITHFUL);
      if (!state.get().slotAllocations().equals(expected.slotAllocations())
          || !state.get().slotDenominators().equals(expected.slotDenominators())) {
        return false;
      }
      for (CommonsNode r : nodes.subList(2, nodes.size())) {
        if (Math.abs(state.get().totalFor(r.pubKey()) - PER_PROVIDER) > 1e-9) {
          return false;
        }
      }
    }
    return true;
  }

  /** Settled, the providers' states are commons-core's results, and nobody rejected anything. */
  void awaitTheAllocationCommonsCoreComputes(List<CommonsNode> nodes) throws InterruptedException {
    await(nodes.size() + " nodes settle: recipients receive their share, everyone reports convergence",
        () -> settled(nodes), () -> diagnosticsOf(nodes));
    await("providers publish exactly what commons-core computes from the commitments they hold",
        () -> providersPublishWhatCommonsCoreComputes(nodes),
        () -> nodes.get(0).diagnostics() + "\n" + nodes.get(1).diagnostics());
    for (CommonsNode n : nodes) {
      Map<Rejection, Long> other = new HashMap<>(n.diagnostics().rejected());
      other.keySet().removeAll(toleratedRejections());
      assertThat(other.values().stream().mapToLong(Long::longValue).sum())
          .as("rejections other than %s at %s: %s", toleratedRejections(), n.pubKey(), n.diagnostics().rejected())
          .isZero();
    }
  }

  /** A provider and a recipient through {@code relay} reach the allocation and both report convergence. */
  void twoNodesReachTheAllocationAndConverge(RelayProcess relay) throws Exception {
    CommonsNode provider = node(Identity.generate(), relay.url(), Optional.empty());
    Identity bob = Identity.generate();
    CommonsNode recipient =
        node(bob, relay.url(), Optional.of(provider.invite(bob.pubKey()).toCompletableFuture().get(10, TimeUnit.SECONDS)));
    provider.setCapacity(List.of(AvailabilitySlot.of("bread", "bread", 10)));
    provider.setRecognition(Map.of(bob.pubKey(), 1.0));
    recipient.setNeeds(List.of(NeedSlot.of("need", "bread", NEED)));
    recipient.setRecognition(Map.of(provider.pubKey(), 1.0));

    List<CommonsNode> both = List.of(provider, recipient);
    await("the recipient receives its whole need and both report convergence",
        () -> Math.abs(recipient.received().get().total() - NEED) < 1e-9
            && provider.converged().get() && recipient.converged().get(),
        () -> diagnosticsOf(both));
    AllocationState state = provider.allocationState().get().orElseThrow();
    assertThat(state.totalFor(bob.pubKey())).isCloseTo(NEED, within(1e-9));
    assertThat(recipient.received().get().byProvider()).containsOnlyKeys(provider.pubKey());
    assertThat(recipient.networkCommitments().get().get(provider.pubKey()).capacitySlots())
        .isEqualTo(provider.commitment().get().orElseThrow().capacitySlots());
    assertThat(provider.stamp().isAnonymous()).isFalse();
    assertThat(recipient.stamp().isAnonymous()).isFalse();
  }

  /**
   * Four nodes settle through a relay {@code start} gives on {@code storage}; it is killed, a need is
   * changed while it is down, and {@code restart} (port, storage) brings it back: the change reaches
   * both providers, every node again holds what it held, and a newcomer reads every member.
   */
  void aRestartedRelayLosesNoAcknowledgedCommitment(
      Function<Path, RelayProcess> start, BiFunction<Integer, Path, RelayProcess> restart) throws Exception {
    Path storage = temp.resolve("relay-data");
    RelayProcess relay = keep(start.apply(storage));
    int port = relay.port();
    List<CommonsNode> nodes = commons(4, List.of(relay.url()));
    share(nodes);
    await("four nodes settle before the crash", () -> settled(nodes), () -> diagnosticsOf(nodes));

    Map<CommonsNode, List<CommonsNode>> heldBefore = new HashMap<>();
    for (CommonsNode n : nodes) {
      heldBefore.put(n, nodes.stream().filter(o -> o != n && n.networkCommitments().get().containsKey(o.pubKey())).toList());
    }
    assertThat(heldBefore.get(nodes.get(0))).containsAll(nodes.subList(2, 4)); // a provider holds its recipients

    relay.kill();
    CommonsNode changer = nodes.get(3);
    // acknowledged locally (durable) while the relay is down; the publish waits for the relay
    changer.setNeeds(List.of(NeedSlot.of("need", "bread", 8))).toCompletableFuture().get(10, TimeUnit.SECONDS);
    keep(restart.apply(port, storage));

    await("the change made while the relay was down reaches both providers",
        () -> nodes.subList(0, 2).stream().allMatch(p ->
            // the provider's 4 loaves now split 6 : 8 between its two recipients
            p.allocationState().get().map(s -> Math.abs(s.totalFor(changer.pubKey()) - 4.0 * 8 / 14) < 1e-9).orElse(false)),
        () -> diagnosticsOf(nodes));
    for (CommonsNode n : nodes) {
      for (CommonsNode other : heldBefore.get(n)) {
        await(n.pubKey().substring(0, 8) + " holds the latest needs of " + other.pubKey().substring(0, 8),
            () -> Optional.ofNullable(n.networkCommitments().get().get(other.pubKey()))
                .map(c -> c.needSlots().equals(other.commitment().get().orElseThrow().needSlots())
                    && c.capacitySlots().equals(other.commitment().get().orElseThrow().capacitySlots()))
                .orElse(false),
            () -> diagnosticsOf(nodes));
      }
    }

    // A newcomer after the restart reads everyone's commitment through the restarted relay.
    Identity late = Identity.generate();
    CommonsNode newcomer =
        node(late, relay.url(), Optional.of(nodes.get(0).invite(late.pubKey()).toCompletableFuture().get(10, TimeUnit.SECONDS)));
    nodes.forEach(n -> newcomer.follow(n.pubKey()));
    await("the newcomer holds every member's commitment",
        () -> nodes.stream().allMatch(n -> newcomer.networkCommitments().get().containsKey(n.pubKey())),
        () -> diagnosticsOf(List.of(newcomer)));
  }
}
