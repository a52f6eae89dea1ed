package org.allocationcommons.sync.spi;

import java.util.Objects;

/**
 * What a {@link Transport} knows of its link to the network, so the node above can say whether its
 * picture of the commons is current ({@code converged()} is never true while disconnected).
 *
 * @param state whether the transport is connected, disconnected, or cannot tell
 * @param connectedPeers relays or peers currently connected (0 unless {@link State#CONNECTED})
 * @param detail a short human-readable reason or address list, for logs and diagnostics; never null
 */
public record Connectivity(State state, int connectedPeers, String detail) {

  /** The three things a transport can say about its link. */
  public enum State {
    /** The transport cannot tell (for example a transport without connections). */
    UNKNOWN,
    /** At least one peer or relay is connected. */
    CONNECTED,
    /** No peer or relay is connected: published documents wait, nothing new arrives. */
    DISCONNECTED
  }

  /** The default of a transport that cannot tell. */
  public static final Connectivity UNKNOWN = new Connectivity(State.UNKNOWN, 0, "");

  /**
   * Requires a state and a detail; a count that is negative, or positive while not connected, is refused.
   *
   * @param state whether connected, disconnected or unknown
   * @param connectedPeers how many relays or peers are connected
   * @param detail a short explanation for logs
   */
  public Connectivity {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    if (connectedPeers < 0 || (state != State.CONNECTED && connectedPeers != 0)) {
      throw new IllegalArgumentException(
          "connectedPeers = " + connectedPeers + ": must be >= 0, and 0 unless CONNECTED (state " + state + ")");
    }
    if (state == State.CONNECTED && connectedPeers == 0) {
      throw new IllegalArgumentException("connectedPeers = 0: a CONNECTED transport has at least one peer");
    }
  }

  /**
   * Connected to {@code peers} (at least one) relays or peers.
   *
   * @param peers the number of connected relays or peers, at least 1
   * @param detail a short explanation for logs
   * @return the connected state
   */
  public static Connectivity connected(int peers, String detail) {
    return new Connectivity(State.CONNECTED, peers, detail);
  }

  /**
   * Not connected to anyone, for {@code reason}.
   *
   * @param reason why nothing is connected
   * @return the disconnected state
   */
  public static Connectivity disconnected(String reason) {
    return new Connectivity(State.DISCONNECTED, 0, reason);
  }

  /**
   * Whether this says, for certain, that nothing is connected.
   *
   * @return true only when disconnected is certain
   */
  public boolean isDisconnected() {
    return state == State.DISCONNECTED;
  }
}
