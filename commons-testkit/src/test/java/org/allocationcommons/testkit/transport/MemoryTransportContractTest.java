package org.allocationcommons.testkit.transport;

import org.allocationcommons.sync.memory.MemoryNetwork;
import org.allocationcommons.sync.spi.Transport;

/** The in-memory transport keeps the plugin contract. */
class MemoryTransportContractTest extends TransportContract {

  private final MemoryNetwork network = MemoryNetwork.create();

  @Override
  protected Transport open() {
    return network.transport();
  }
}
