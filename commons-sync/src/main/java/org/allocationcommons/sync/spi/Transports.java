package org.allocationcommons.sync.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds {@link TransportProvider} plugins with {@link ServiceLoader}. */
public final class Transports {

  private Transports() {}

  /**
   * Every provider visible to the calling thread's context class loader and to this class's own
   * (an application server or plugin host may put a plugin only in the former), in discovery
   * order, each provider class once.
   *
   * @return the providers found
   */
  public static List<TransportProvider> providers() {
    return providers(Thread.currentThread().getContextClassLoader(), Transports.class.getClassLoader());
  }

  /** The providers {@link ServiceLoader} finds through these loaders (null ones skipped), each class once. */
  static List<TransportProvider> providers(ClassLoader... loaders) {
    Map<String, TransportProvider> byClass = new LinkedHashMap<>();
    for (ClassLoader loader : loaders) {
      if (loader != null) {
        ServiceLoader.load(TransportProvider.class, loader).forEach(p -> byClass.putIfAbsent(p.getClass().getName(), p));
      }
    }
    return List.copyOf(byClass.values());
  }

  /**
   * The provider with this name, if one is installed.
   *
   * @param name the provider's name
   * @return the provider, or empty when none is installed
   * @throws IllegalStateException if two provider classes claim the name (the message names both):
   *     which one a user gets must not depend on the class path's order
   */
  public static Optional<TransportProvider> provider(String name) {
    return unique(name, providers());
  }

  static Optional<TransportProvider> unique(String name, List<TransportProvider> providers) {
    List<TransportProvider> named = providers.stream().filter(p -> p.name().equals(name)).toList();
    if (named.size() > 1) {
      throw new IllegalStateException(
          "transport provider name '" + name + "' is claimed by " + named.size() + " plugins: "
              + named.stream().map(p -> p.getClass().getName()).toList()
              + "; remove one from the class path (which one wins must not depend on its order)");
    }
    return named.stream().findFirst();
  }

  /**
   * Opens a transport of the named kind.
   *
   * <p>Only {@code memory} comes with commons-sync; every network transport is a plugin in its own
   * jar ({@code gun}: {@code org.allocationcommons:commons-transport-gun}), found only when that jar
   * is on the class path or module path.
   *
   * @param name the provider's name, e.g. {@code memory}
   * @param options provider-specific settings
   * @return the open transport
   * @throws IllegalArgumentException if no provider has that name (the message lists those that do
   *     exist and says that a plugin's jar must be added), or if the provider rejects the options
   * @throws IllegalStateException if two plugins claim the name
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
