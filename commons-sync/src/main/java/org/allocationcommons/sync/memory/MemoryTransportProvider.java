package org.allocationcommons.sync.memory;

import java.util.Map;
import java.util.Set;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.spi.TransportProvider;

/**
 * The {@code memory} transport provider, the embedded default. Option {@code network} names the
 * {@link MemoryNetwork#shared(String) shared bus} to attach to (default {@code "default"}):
 * transports opened with the same name in one JVM see each other's documents; different names are
 * isolated commons. No other option is accepted.
 */
public final class MemoryTransportProvider implements TransportProvider {

  /** This provider's name. */
  public static final String NAME = "memory";

  /** The option naming the shared bus. */
  public static final String NETWORK_OPTION = "network";

  /** The bus used when no {@code network} option is given. */
  public static final String DEFAULT_NETWORK = "default";

  private static final Set<String> OPTIONS = Set.of(NETWORK_OPTION);

  /** For {@link java.util.ServiceLoader}. */
  public MemoryTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Transport open(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!OPTIONS.contains(key)) {
        throw new IllegalArgumentException(
            "memory transport: unknown option '" + key + "'; accepted: " + OPTIONS);
      }
    }
    String network = options.getOrDefault(NETWORK_OPTION, DEFAULT_NETWORK);
    if (network.isBlank()) {
      throw new IllegalArgumentException("memory transport: option network = '" + network + "': must not be blank");
    }
    return MemoryNetwork.shared(network).transport();
  }
}
