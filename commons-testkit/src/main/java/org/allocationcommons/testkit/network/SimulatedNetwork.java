package org.allocationcommons.testkit.network;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.allocationcommons.sync.spi.DeliveryListener;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.time.VirtualScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic, faulty network of named nodes around one relay, in the virtual time of a shared
 * {@link VirtualScheduler}. Each node gets its own {@link Transport} from {@link #transportFor(String)}.
 *
 * <p>The model is a relay network such as GUN's: a publish travels from its node to the relay, which
 * keeps the latest payload of every path (latest by publish order, so a late, reordered publish never
 * replaces a newer one) and acknowledges it; the node retransmits a publish until acknowledged. The
 * relay forwards each new payload to every node subscribed to its path, and answers each new
 * subscription with the latest payload it holds. Every hop (publish, acknowledgement, delivery) gets
 * the {@link NetworkConditions}: latency, loss, duplication and reordering. Deliveries are not
 * retransmitted, so a lost one is made good only by a later publish of the same path (a participant's
 * heartbeat) or a new subscription, which is exactly what the layer above must cope with.
 *
 * <p>Faults beyond the per-message ones: {@link #partition(Collection)} splits the nodes into groups
 * that cannot reach each other (each side keeps its own copy of the relay, as a federation of relays
 * would); {@link #heal()} reconnects them, merging the copies and forwarding to each subscriber what
 * its side missed; {@link #crash(String)} makes a node's transport go dark at once, and
 * {@link #restart(String)} lets it come back with a fresh transport. A message in flight survives only
 * if its two ends are still connected when it arrives.
 *
 * <p>All randomness comes from one {@link SplittableRandom} seeded at creation, and all events run on
 * the virtual scheduler in a fixed order, so the same seed and the same calls give the same run, bit
 * for bit. Not thread-safe: like the {@link VirtualScheduler} it is confined to the thread that drives
 * the scheduler, and listeners run on that thread, never under a lock.
 */
public final class SimulatedNetwork {

  private static final Logger log = LoggerFactory.getLogger(SimulatedNetwork.class);

  /** The name the transports of this network report. */
  public static final String TRANSPORT_NAME = "simulated";

  private final VirtualScheduler scheduler;
  private final SplittableRandom random;
  private NetworkConditions conditions;

  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Set<String> crashed = new HashSet<>();
  private int incarnations;

  /** Relay copies by component; one component unless partitioned. */
  private final Map<Integer, Map<String, Entry>> replicas = new LinkedHashMap<>();
  /** Nodes subscribed at the relay, by path, in subscription order. */
  private final Map<String, LinkedHashSet<Endpoint>> relaySubscriptions = new HashMap<>();
  private final Map<String, Integer> componentOf = new HashMap<>();
  private final Map<Integer, Integer> mergedInto = new HashMap<>();
  private int defaultComponent;
  private int nextComponent = 1;
  private long nextSequence;

  private long publishes;
  private long deliveries;
  private long acks;
  private long retransmissions;
  private long lost;
  private long duplicated;
  private long droppedByPartition;
  private long droppedByCrash;
  private long staleAtRelay;
  private long bytes;
  private long listenerFailures;
  private final Map<String, Long> publishesByDocument = new HashMap<>();

  private SimulatedNetwork(VirtualScheduler scheduler, long seed, NetworkConditions conditions) {
    this.scheduler = scheduler;
    this.random = new SplittableRandom(seed);
    this.conditions = conditions;
    replicas.put(defaultComponent, new HashMap<>());
  }

  /**
   * A network on {@code scheduler} whose random faults are drawn from {@code seed}.
   *
   * @param scheduler the virtual scheduler messages travel on
   * @param seed the seed of every random fault
   * @param conditions the initial conditions
   * @return the network
   * @throws NullPointerException if the scheduler or conditions are null
   */
  public static SimulatedNetwork create(VirtualScheduler scheduler, long seed, NetworkConditions conditions) {
    return new SimulatedNetwork(
        Objects.requireNonNull(scheduler, "scheduler"), seed, Objects.requireNonNull(conditions, "conditions"));
  }

  /**
   * The conditions applied to messages sent from now on.
   *
   * @return the current conditions
   */
  public NetworkConditions conditions() {
    return conditions;
  }

  /**
   * Changes the conditions for messages sent from now on (messages in flight keep theirs).
   *
   * @param conditions the new conditions
   */
  public void setConditions(NetworkConditions conditions) {
    this.conditions = Objects.requireNonNull(conditions, "conditions");
  }

  /**
   * The current transport of {@code node}, created on first use and again after the previous one was
   * closed or the node restarted.
   *
   * @param node the node's name
   * @return its transport
   * @throws IllegalArgumentException if the name is blank
   * @throws IllegalStateException if the node is crashed
   */
  public Transport transportFor(String node) {
    requireName(node);
    if (crashed.contains(node)) {
      throw new IllegalStateException("node '" + node + "' is crashed; restart it first");
    }
    Endpoint e = endpoints.get(node);
    if (e == null || e.closed) {
      e = new Endpoint(node, ++incarnations);
      endpoints.put(node, e);
    }
    return e;
  }

  /**
   * Every node that ever got a transport, in order of first use.
   *
   * @return the node names
   */
  public Set<String> nodes() {
    return Set.copyOf(endpoints.keySet());
  }

  /**
   * Whether {@code node} is crashed and not yet restarted.
   *
   * @param node the node's name
   * @return true when crashed and not restarted
   */
  public boolean isCrashed(String node) {
    return crashed.contains(node);
  }

  /**
   * Crashes {@code node}: its transport goes dark at once. Its subscriptions end, messages in flight to
   * it are dropped on arrival, and its pending publishes never complete (the process is gone); what it
   * already put on the wire still travels. A crashed node's transport drops further publishes.
   *
   * @param node the node to crash
   * @throws IllegalArgumentException if the node never had a transport
   * @throws IllegalStateException if it is already crashed
   */
  public void crash(String node) {
    Endpoint e = requireKnown(node);
    if (!crashed.add(node)) {
      throw new IllegalStateException("node '" + node + "' is already crashed");
    }
    e.crashed = true;
    detach(e);
    e.pending.clear();
  }

  /**
   * Lets a crashed node come back: the next {@link #transportFor(String)} gives it a fresh transport,
   * with no subscriptions, as a restarted process would have.
   *
   * @param node the crashed node
   * @throws IllegalArgumentException if the node never had a transport
   * @throws IllegalStateException if it is not crashed
   */
  public void restart(String node) {
    requireKnown(node);
    if (!crashed.remove(node)) {
      throw new IllegalStateException("node '" + node + "' is not crashed; only a crashed node restarts");
    }
    endpoints.get(node).closed = true;
  }

  /**
   * Splits the network: each group becomes an island that reaches only its own members, and every node
   * not in a group stays with the rest. Each island starts with a copy of what the relay held.
   *
   * @param groups the islands, each a set of node names
   * @throws IllegalArgumentException if there are no groups, a group is empty, a name is blank, or a
   *     node is in two groups
   * @throws IllegalStateException if the network is already partitioned (heal it first)
   */
  public void partition(Collection<? extends Collection<String>> groups) {
    Objects.requireNonNull(groups, "groups");
    if (isPartitioned()) {
      throw new IllegalStateException("the network is already partitioned; heal() it before partitioning again");
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("groups must name at least one group of nodes, was empty");
    }
    Set<String> seen = new HashSet<>();
    for (Collection<String> group : groups) {
      if (group.isEmpty()) {
        throw new IllegalArgumentException("every partition group must have a node, found an empty one");
      }
      for (String node : group) {
        requireName(node);
        if (!seen.add(node)) {
          throw new IllegalArgumentException("node '" + node + "' is in more than one partition group");
        }
      }
    }
    Map<String, Entry> base = replicas.get(defaultComponent);
    for (Collection<String> group : groups) {
      int id = nextComponent++;
      replicas.put(id, new HashMap<>(base));
      for (String node : group) {
        componentOf.put(node, id);
      }
    }
  }

  /**
   * Whether the network is currently split by {@link #partition(Collection)}.
   *
   * @return true when partitioned
   */
  public boolean isPartitioned() {
    return replicas.size() > 1;
  }

  /**
   * Reconnects every island: the relay copies merge (the latest publish of each path wins); every
   * subscriber on an island is sent, as on reconnecting, the latest payload of each path it subscribes
   * to, and every other subscriber each latest payload its side did not have, all with the usual
   * faults. Does nothing if the network is not partitioned.
   */
  public void heal() {
    if (!isPartitioned()) {
      return;
    }
    int merged = nextComponent++;
    Map<String, Entry> union = new HashMap<>();
    for (Map<String, Entry> replica : replicas.values()) {
      replica.forEach((path, entry) -> union.merge(path, entry, (a, b) -> a.sequence >= b.sequence ? a : b));
    }
    record Catchup(Endpoint endpoint, String path, Entry entry) {}
    List<Catchup> catchups = new ArrayList<>();
    for (String path : new TreeSet<>(relaySubscriptions.keySet())) {
      Entry latest = union.get(path);
      if (latest == null) {
        continue;
      }
      for (Endpoint e : relaySubscriptions.get(path)) {
        int component = componentOf(e.node);
        // A node on an island reconnects and is sent every latest payload: deliveries to it may have
        // been cut in flight when it was partitioned off. The others get what their side missed.
        boolean island = component != defaultComponent;
        Entry had = replicas.get(component).get(path);
        if (island || had == null || had.sequence != latest.sequence) {
          catchups.add(new Catchup(e, path, latest));
        }
      }
    }
    for (Integer old : replicas.keySet()) {
      mergedInto.put(old, merged);
    }
    replicas.clear();
    replicas.put(merged, union);
    componentOf.clear();
    defaultComponent = merged;
    for (Catchup c : catchups) {
      sendDelivery(c.endpoint, merged, c.path, c.entry, null);
    }
  }

  /**
   * The latest payload at {@code path} held by the relay that serves {@code node} (its island's copy
   * when partitioned), if any.
   *
   * @param node the node whose relay to read
   * @param path the document path
   * @return a copy of the payload, or empty if none
   */
  public Optional<byte[]> relayPayload(String node, String path) {
    Entry e = replicas.get(componentOf(requireName(node))).get(DocumentPaths.requireValid(path));
    return e == null ? Optional.empty() : Optional.of(e.payload.clone());
  }

  /**
   * A snapshot of the counters.
   *
   * @return the counters
   */
  public NetworkStats stats() {
    return new NetworkStats(
        publishes, deliveries, acks, retransmissions, lost, duplicated,
        droppedByPartition, droppedByCrash, staleAtRelay, bytes, listenerFailures,
        new java.util.TreeMap<>(publishesByDocument));
  }

  // --- wire -------------------------------------------------------------------------------------

  private enum Kind { PUBLISH, DELIVERY, ACK }

  /** Puts one message on the wire with the current faults; {@code arrival} runs when it arrives. */
  private void transmit(Kind kind, int size, Runnable arrival, boolean mayDuplicate) {
    switch (kind) {
      case PUBLISH -> publishes++;
      case DELIVERY -> deliveries++;
      case ACK -> acks++;
    }
    bytes += size;
    NetworkConditions c = conditions;
    if (random.nextDouble() < c.loss()) {
      lost++;
    } else {
      scheduler.schedule(delay(c), arrival);
    }
    if (mayDuplicate && c.duplication() > 0 && random.nextDouble() < c.duplication()) {
      duplicated++;
      transmit(kind, size, arrival, false);
    }
  }

  private Duration delay(NetworkConditions c) {
    long min = c.minLatency().toNanos();
    long range = c.maxLatency().toNanos() - min;
    long nanos = min + (range > 0 ? random.nextLong(range + 1) : 0);
    if (c.reordering() > 0 && random.nextDouble() < c.reordering()) {
      nanos += c.reorderDelay().toNanos();
    }
    return Duration.ofNanos(nanos);
  }

  private int componentOf(String node) {
    return componentOf.getOrDefault(node, defaultComponent);
  }

  private int resolve(int component) {
    Integer c = component;
    Integer next;
    while ((next = mergedInto.get(c)) != null) {
      c = next;
    }
    return c;
  }

  /** Whether a message sent within {@code component} can still reach {@code node}. */
  private boolean connected(int component, String node) {
    return resolve(component) == componentOf(node);
  }

  private void sendPublish(Pending p) {
    int component = componentOf(p.endpoint.node);
    transmit(Kind.PUBLISH, p.payload.length, () -> arriveAtRelay(p, component), true);
    Duration timeout = conditions.ackTimeout();
    int maxRetransmissions = conditions.maxRetransmissions();
    int sentAs = p.transmissions;
    scheduler.schedule(timeout, () -> {
      Endpoint e = p.endpoint;
      if (e.crashed || e.closed || !e.pending.containsKey(p.sequence) || p.transmissions != sentAs) {
        return;
      }
      if (p.transmissions - 1 >= maxRetransmissions) {
        e.pending.remove(p.sequence);
        p.future.completeExceptionally(new IOException(
            "publish of " + p.path + " by node '" + e.node + "' was not acknowledged after "
                + p.transmissions + " transmissions"));
        return;
      }
      retransmissions++;
      p.transmissions++;
      sendPublish(p);
    });
  }

  private void arriveAtRelay(Pending p, int component) {
    if (!connected(component, p.endpoint.node)) {
      droppedByPartition++;
      return;
    }
    int here = resolve(component);
    Map<String, Entry> replica = replicas.get(here);
    Entry current = replica.get(p.path);
    if (current == null || current.sequence < p.sequence) {
      Entry entry = new Entry(p.sequence, p.payload);
      replica.put(p.path, entry);
      LinkedHashSet<Endpoint> subscribers = relaySubscriptions.get(p.path);
      if (subscribers != null) {
        for (Endpoint e : subscribers) {
          if (componentOf(e.node) == here) {
            sendDelivery(e, here, p.path, entry, null);
          }
        }
      }
    } else {
      staleAtRelay++;
    }
    transmit(Kind.ACK, 0, () -> arriveAck(p, here), true);
  }

  private void arriveAck(Pending p, int component) {
    Endpoint e = p.endpoint;
    if (e.crashed) {
      droppedByCrash++;
      return;
    }
    if (!connected(component, e.node)) {
      droppedByPartition++;
      return;
    }
    if (e.pending.remove(p.sequence) != null) {
      p.future.complete(null);
    }
  }

  private void sendDelivery(Endpoint e, int component, String path, Entry entry, Listener only) {
    transmit(Kind.DELIVERY, entry.payload.length, () -> arriveAtNode(e, component, path, entry, only), true);
  }

  private void arriveAtNode(Endpoint e, int component, String path, Entry entry, Listener only) {
    if (e.crashed) {
      droppedByCrash++;
      return;
    }
    if (e.closed) {
      return;
    }
    if (!connected(component, e.node)) {
      droppedByPartition++;
      return;
    }
    if (only != null) {
      if (!only.closed) {
        invoke(only, path, entry.payload);
      }
      return;
    }
    List<Listener> listeners = e.listeners.get(path);
    if (listeners == null) {
      return;
    }
    for (Listener l : List.copyOf(listeners)) {
      if (!l.closed) {
        invoke(l, path, entry.payload);
      }
    }
  }

  private void invoke(Listener l, String path, byte[] payload) {
    try {
      l.listener.onDelivery(path, payload.clone());
    } catch (RuntimeException ex) {
      listenerFailures++;
      log.warn("listener of {} on node '{}' failed; other listeners still get deliveries", path, l.endpoint.node, ex);
    }
  }

  private void detach(Endpoint e) {
    for (Map.Entry<String, List<Listener>> byPath : e.listeners.entrySet()) {
      byPath.getValue().forEach(l -> l.closed = true);
      unsubscribeAtRelay(e, byPath.getKey());
    }
    e.listeners.clear();
  }

  private void unsubscribeAtRelay(Endpoint e, String path) {
    LinkedHashSet<Endpoint> subscribers = relaySubscriptions.get(path);
    if (subscribers != null) {
      subscribers.remove(e);
      if (subscribers.isEmpty()) {
        relaySubscriptions.remove(path);
      }
    }
  }

  private Endpoint requireKnown(String node) {
    Endpoint e = endpoints.get(requireName(node));
    if (e == null) {
      throw new IllegalArgumentException("node '" + node + "' is not on this network (it never got a transport)");
    }
    return e;
  }

  private static String requireName(String node) {
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("node name must be non-blank, was '" + node + "'");
    }
    return node;
  }

  // --- state ------------------------------------------------------------------------------------

  private record Entry(long sequence, byte[] payload) {}

  private static final class Pending {
    final Endpoint endpoint;
    final long sequence;
    final String path;
    final byte[] payload;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    int transmissions = 1;

    Pending(Endpoint endpoint, long sequence, String path, byte[] payload) {
      this.endpoint = endpoint;
      this.sequence = sequence;
      this.path = path;
      this.payload = payload;
    }
  }

  private final class Listener implements Subscription {
    final Endpoint endpoint;
    final String path;
    final DeliveryListener listener;
    boolean closed;

    Listener(Endpoint endpoint, String path, DeliveryListener listener) {
      this.endpoint = endpoint;
      this.path = path;
      this.listener = listener;
    }

    @Override
    public String path() {
      return path;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      List<Listener> list = endpoint.listeners.get(path);
      if (list != null && list.remove(this) && list.isEmpty()) {
        endpoint.listeners.remove(path);
        unsubscribeAtRelay(endpoint, path);
      }
    }
  }

  private final class Endpoint implements Transport {
    final String node;
    final int incarnation;
    final Map<String, List<Listener>> listeners = new HashMap<>();
    final Map<Long, Pending> pending = new LinkedHashMap<>();
    boolean closed;
    boolean crashed;

    Endpoint(String node, int incarnation) {
      this.node = node;
      this.incarnation = incarnation;
    }

    @Override
    public CompletionStage<Void> publish(String path, byte[] payload) {
      DocumentPaths.requireValid(path);
      Objects.requireNonNull(payload, "payload");
      requireOpen();
      if (crashed) {
        droppedByCrash++;
        return CompletableFuture.failedFuture(new IOException("node '" + node + "' is crashed"));
      }
      Pending p = new Pending(this, nextSequence++, path, payload.clone());
      String document = DocumentPaths.document(path).orElse("?");
      publishesByDocument.merge(document.startsWith(DocumentPaths.INVITATION_PREFIX) ? "invitation" : document, 1L, Long::sum);
      pending.put(p.sequence, p);
      sendPublish(p);
      return p.future;
    }

    @Override
    public Subscription subscribe(String path, DeliveryListener listener) {
      DocumentPaths.requireValid(path);
      Objects.requireNonNull(listener, "listener");
      requireOpen();
      Listener l = new Listener(this, path, listener);
      if (crashed) {
        l.closed = true;
        return l;
      }
      listeners.computeIfAbsent(path, k -> new ArrayList<>()).add(l);
      relaySubscriptions.computeIfAbsent(path, k -> new LinkedHashSet<>()).add(this);
      int component = componentOf(node);
      Entry latest = replicas.get(component).get(path);
      if (latest != null) {
        sendDelivery(this, component, path, latest, l);
      }
      return l;
    }

    @Override
    public String name() {
      return TRANSPORT_NAME;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      detach(this);
      List<Pending> failed = List.copyOf(pending.values());
      pending.clear();
      for (Pending p : failed) {
        p.future.completeExceptionally(new IOException("transport of node '" + node + "' closed before the relay acknowledged " + p.path));
      }
    }

    private void requireOpen() {
      if (closed) {
        throw new IllegalStateException("transport of node '" + node + "' (incarnation " + incarnation + ") is closed");
      }
    }

    @Override
    public String toString() {
      return "SimulatedTransport[" + node + "#" + incarnation + (crashed ? ", crashed" : closed ? ", closed" : "") + "]";
    }
  }
}
