package org.fusedsim.cl.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.RoutingTable;

/**
 * The immutable tables every node of a partition reads alike, built once by the machine that owns
 * this object and handed to each node it builds, so that a node holds references to them instead of
 * copies. Nothing here depends on a node, only on configuration; a table is made when first asked
 * for, once per distinct configuration.
 */
public final class SharedTables {
  private RoutingTable routing;
  // looked up only, never iterated
  private final Map<SpcSplit, MemoryLayout> fusedOsLayouts = new LinkedHashMap<>();

  private record SpcSplit(MemoryParams memory, int spcThreads) {}

  /** Returns the per-call routing table ({@link RoutingTable#load}), loaded on first use. */
  public RoutingTable routing() {
    if (routing == null) {
      routing = RoutingTable.load();
    }
    return routing;
  }

  /** Returns {@link MemoryLayout#fusedOs} of {@code memory} split for {@code spcThreads}. */
  public MemoryLayout fusedOsLayout(MemoryParams memory, int spcThreads) {
    return fusedOsLayouts.computeIfAbsent(
        new SpcSplit(memory, spcThreads), k -> MemoryLayout.fusedOs(k.memory(), k.spcThreads()));
  }
}
