package org.allocationcommons.sync.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds {@link TransportProvider} plugins with {@link ServiceLoader}. */
public final class Transports {

  private Transports() {}

  /** Every provider visible to this class's class loader, in discovery order. */
  public static List<TransportProvider> providers() {
    List<TransportProvider> found = new ArrayList<>();
    ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader()).forEach(found::add);
    return List.copyOf(found);
  }

  /** The provider with this name, if one is installed. */
  public static Optional<TransportProvider> provider(String name) {
    return providers().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * Opens a transport of the named kind.
   *
   * <p>Only {@code memory} comes with commons-sync; every network transport is a plugin in its own
   * jar ({@code gun}: {@code org.allocationcommons:commons-transport-gun}), found only when that jar
   * is on the class path or module path.
   *
   * @throws IllegalArgumentException if no provider has that name (the message lists those that do
   *     exist and says that a plugin's jar must be added), or if the provider rejects the options
   */
  public static Transport open(String name, Map<String, String> options) {
    return provider(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no transport provider named '"
                        + name
                        + "'; installed: "
                        + providers().stream().map(TransportProvider::name).toList()
                        + ". A transport plugin is found by ServiceLoader only when its jar is on the"
                        + " class path or module path (for 'gun': org.allocationcommons:"
                        + "commons-transport-gun)"))
        .open(options);
  }
}
