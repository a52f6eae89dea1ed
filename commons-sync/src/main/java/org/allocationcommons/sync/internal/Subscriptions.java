package org.allocationcommons.sync.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.allocationcommons.core.model.Commitment;
import org.allocationcommons.core.subgroups.Subgroups;
import org.allocationcommons.sync.spi.DocumentPaths;
import org.allocationcommons.sync.spi.Subscription;
import org.allocationcommons.sync.spi.Transport;

/**
 * Algorithm-driven subscriptions (SPEC 5): the paths a node follows, from its membership, the
 * peers it follows by hand, whom it recognises and its subgroups (mutual partners: everything;
 * non-mutual beneficiaries: commitment; non-mutual providers: commitment and allocation state).
 * Used on the node's scheduler only.
 */
public final class Subscriptions {

  /** Receives a delivery: path and envelope bytes, on the transport's thread. */
  public interface Sink {
    void deliver(String path, byte[] envelope);
  }

  private final String me;
  private final Transport transport;
  private final Sink sink;
  private final Consumer<String> dropped;
  private final Map<String, Subscription> open = new HashMap<>();

  /**
   * @param dropped told each path no longer followed (so inbound state about it can be forgotten)
   */
  public Subscriptions(String me, Transport transport, Sink sink, Consumer<String> dropped) {
    this.me = me;
    this.transport = transport;
    this.sink = sink;
    this.dropped = dropped;
  }

  /** The paths {@code me} needs. */
  public static Set<String> wanted(
      String me, Membership m, Collection<String> follows, Optional<Commitment> mine, Optional<Subgroups> subgroups) {
    Set<String> want = new LinkedHashSet<>();
    for (String doc : List.of(DocumentPaths.COMMITMENT, DocumentPaths.ALLOCATION_STATE, DocumentPaths.RECOGNITION_WEIGHTS)) {
      want.add(DocumentPaths.of(me, doc));
    }
    m.awaiting().filter(s -> m.itcStamp().isAnonymous()).ifPresent(s -> want.add(DocumentPaths.invitation(s, me)));
    for (String invitee : m.invited()) {
      if (!m.absorbed().contains(invitee)) {
        want.add(DocumentPaths.of(invitee, DocumentPaths.RETIREMENT));
      }
    }
    for (String f : follows) {
      want.add(DocumentPaths.of(f, DocumentPaths.COMMITMENT));
    }
    mine.ifPresent(
        c -> c.recognitionWeights().forEach((k, w) -> {
          if (w > 0 && !k.equals(me)) {
            want.add(DocumentPaths.of(k, DocumentPaths.COMMITMENT));
          }
        }));
    subgroups.ifPresent(
        sg -> {
          for (String p : sg.allMutualPartners()) {
            want.add(DocumentPaths.of(p, DocumentPaths.COMMITMENT));
            want.add(DocumentPaths.of(p, DocumentPaths.ALLOCATION_STATE));
            want.add(DocumentPaths.of(p, DocumentPaths.RECOGNITION_WEIGHTS));
          }
          for (String p : sg.nonMutualBeneficiaries()) {
            want.add(DocumentPaths.of(p, DocumentPaths.COMMITMENT));
          }
          for (String p : sg.nonMutualProvidersForMe()) {
            want.add(DocumentPaths.of(p, DocumentPaths.COMMITMENT));
            want.add(DocumentPaths.of(p, DocumentPaths.ALLOCATION_STATE));
          }
        });
    return want;
  }

  /** Peers whose allocation state the algorithm needs: mutual partners and non-mutual providers. */
  public static Set<String> statePeers(Optional<Subgroups> subgroups) {
    Set<String> peers = new LinkedHashSet<>();
    subgroups.ifPresent(
        sg -> {
          peers.addAll(sg.allMutualPartners());
          peers.addAll(sg.nonMutualProvidersForMe());
        });
    return peers;
  }

  /** Subscribes to every wanted path not yet followed and closes the others. */
  public void sync(Set<String> want) {
    for (var it = open.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!want.contains(e.getKey())) {
        e.getValue().close();
        it.remove();
        dropped.accept(e.getKey());
      }
    }
    for (String path : want) {
      if (!open.containsKey(path)) {
        open.put(path, transport.subscribe(path, sink::deliver));
      }
    }
  }

  /** Closes every subscription. */
  public void closeAll() {
    for (Subscription s : open.values()) {
      s.close();
    }
    open.clear();
  }

  public int size() {
    return open.size();
  }
}
