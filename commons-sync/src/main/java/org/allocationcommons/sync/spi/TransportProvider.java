package org.allocationcommons.sync.spi;

import java.util.Map;

/**
 * Creates {@link Transport}s of one kind. Implementations are plugins, found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/org.allocationcommons.sync.spi.TransportProvider} and, on the module path,
 * in {@code provides ... with ...}. A provider needs a public no-argument constructor.
 */
public interface TransportProvider {

  /**
   * The name users select this provider by, such as {@code memory} or {@code gun}. Unique.
   *
   * @return the provider's name
   */
  String name();

  /**
   * Opens a transport.
   *
   * @param options provider-specific settings (for example {@code peers} for a relay transport);
   *     unknown keys are rejected with {@link IllegalArgumentException} naming the key
   * @return the open transport
   * @throws IllegalArgumentException if an option is missing, unknown or malformed
   */
  Transport open(Map<String, String> options);
}
