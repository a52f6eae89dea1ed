package org.allocationcommons.transport.gun;

import java.util.Map;
import org.allocationcommons.sync.spi.Transport;
import org.allocationcommons.sync.spi.TransportProvider;

/**
 * The {@code gun} transport plugin: {@code Transports.open("gun", Map.of("peers",
 * "ws://127.0.0.1:8765/gun"))}. See {@link GunOptions} for every option.
 */
public final class GunTransportProvider implements TransportProvider {

  /** The name this provider is selected by. */
  public static final String NAME = "gun";

  /** For {@link java.util.ServiceLoader}. */
  public GunTransportProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** Opens a {@link GunTransport}; the options are read by {@link GunOptions#parse(Map)}. */
  @Override
  public Transport open(Map<String, String> options) {
    return GunTransport.open(GunOptions.parse(options));
  }
}
