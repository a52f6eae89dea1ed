package org.allocationcommons.transport.gun;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.spi.TransportProvider;

/**
 * The {@code holster} transport plugin: the GUN transport in its Holster dialect ({@link
 * Dialect#holster(int)}), {@code Transports.open("holster", Map.of("peers", "ws://127.0.0.1:8765/"))}.
 * It takes every option of {@code gun} (see {@link GunOptions}) plus {@code framesPerMinute}, the
 * per-connection budget of outgoing frames in any 60 s (default {@value
 * Dialect#HOLSTER_DEFAULT_FRAMES_PER_MINUTE}, at most Holster's {@value
 * Dialect#HOLSTER_RELAY_FRAMES_PER_MINUTE}).
 */
public final class HolsterTransportProvider implements TransportProvider {

  /** The name this provider is selected by. */
  public static final String NAME = "holster";

  private static final String FRAMES_PER_MINUTE = "framesPerMinute";

  /** For {@link java.util.ServiceLoader}. */
  public HolsterTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** Opens a {@link GunTransport} speaking the Holster dialect. */
  @Override
  public Transport open(Map<String, String> options) {
    Set<String> known = new TreeSet<>(GunOptions.keys());
    known.add(FRAMES_PER_MINUTE);
    for (String key : new TreeSet<>(options.keySet())) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown holster transport option '" + key + "'; known options: " + known);
      }
    }
    Map<String, String> gun = new HashMap<>(options);
    String budget = gun.remove(FRAMES_PER_MINUTE);
    int framesPerMinute = Dialect.HOLSTER_DEFAULT_FRAMES_PER_MINUTE;
    if (budget != null) {
      try {
        framesPerMinute = Integer.parseInt(budget.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "option '" + FRAMES_PER_MINUTE + "' value '" + budget + "' is not an integer", e);
      }
    }
    Dialect dialect;
    try {
      dialect = Dialect.holster(framesPerMinute);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("option '" + FRAMES_PER_MINUTE + "' value '" + budget + "': " + e.getMessage(), e);
    }
    return GunTransport.open(GunOptions.parse(gun), Clock.systemUTC(), dialect);
  }
}
