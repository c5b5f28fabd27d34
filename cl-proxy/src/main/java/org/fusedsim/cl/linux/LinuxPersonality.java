package org.fusedsim.cl.linux;

import com.google.common.collect.ImmutableList;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.ConfigException;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.NoiseParams;

/** Linux on the whole node: every call local, noise everywhere. */
public final class LinuxPersonality implements Personality {
  @Override
  public String name() {
    return "linux";
  }

  @Override
  public String description() {
    return "Linux on every application core (RoQ on core 16): every call served locally";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return ImmutableList.of(LinuxParams.SPEC, NoiseParams.SPEC, BootParams.SPEC);
  }

  @Override
  public int appThreads(Sections config) {
    return LinuxNode.THREADS;
  }

  @Override
  public void check(Sections config, int threads) {
    org.fusedsim.cl.node.NoiseCheck.check(config);
    if (threads > LinuxNode.THREADS) {
      throw new ConfigException(
          "",
          "threads",
          "linux offers " + LinuxNode.THREADS + " application threads, not " + threads);
    }
  }

  @Override
  public NodeOs build(NodeContext context) {
    return new LinuxNode(context);
  }
}
