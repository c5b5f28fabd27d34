package org.fusedsim.cl.cnk;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.ConfigException;
import org.fusedsim.cl.node.Layouts;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.spc.CnkParams;

/** CNK on the whole node: the lightweight kernel baseline. */
public final class CnkPersonality implements Personality {
  @Override
  public String name() {
    return "cnk";
  }

  @Override
  public String description() {
    return "CNK on the whole node: local calls in the kernel, file calls shipped to the IO node";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return ImmutableList.of(CnkParams.SPEC, ClParams.SPEC, BootParams.SPEC);
  }

  @Override
  public int appThreads(Sections config) {
    return CnkNode.THREADS;
  }

  @Override
  public void check(Sections config, int threads) {
    MemoryParams mem = MemoryParams.from(config.section(MemoryParams.KIND));
    Layouts.check(name(), () -> MemoryLayout.cnk(mem, 1));
    if (threads > CnkNode.THREADS) {
      throw new ConfigException(
          "", "threads", "cnk offers " + CnkNode.THREADS + " application threads, not " + threads);
    }
  }

  @Override
  public NodeOs build(NodeContext context) {
    return new CnkNode(context);
  }
}
