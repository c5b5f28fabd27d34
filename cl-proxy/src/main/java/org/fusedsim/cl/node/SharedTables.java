package org.fusedsim.cl.node;

import org.fusedsim.cl.RoutingTable;

/**
 * The immutable tables every node of a partition reads alike, built once by the machine that owns
 * this object and handed to each node it builds, so that a node holds references to them instead of
 * copies. Nothing here depends on a node; a table is read when first asked for.
 */
public final class SharedTables {
  private RoutingTable routing;

  /** Returns the per-call routing table ({@link RoutingTable#load}), loaded on first use. */
  public RoutingTable routing() {
    if (routing == null) {
      routing = RoutingTable.load();
    }
    return routing;
  }
}
