package org.fusedsim.cl.direct;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.fusedos.FusedosParams;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.ConfigException;
import org.fusedsim.cl.node.Layouts;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.NoiseParams;
import org.fusedsim.spc.MonitorParams;

/**
 * The direct model: FusedOS's split, with SPC calls served by Linux kernel code instead of CL (see
 * {@link DirectNode}). It reads FusedOS's own knobs ({@code fusedos.gpc_cores}, {@code
 * fusedos.ipi_target}) and CL's image and placement settings.
 */
public final class DirectPersonality implements Personality {
  @Override
  public String name() {
    return "direct";
  }

  @Override
  public String description() {
    return "FusedOS's split, SPC system calls served by Linux kernel code without a proxy";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return ImmutableList.of(
        DirectParams.SPEC,
        FusedosParams.SPEC,
        ClParams.SPEC,
        MonitorParams.SPEC,
        LinuxParams.SPEC,
        NoiseParams.SPEC,
        BootParams.SPEC);
  }

  @Override
  public int appThreads(Sections config) {
    return FusedosParams.from(config.section(FusedosParams.KIND)).spcThreads();
  }

  @Override
  public void check(Sections config, int threads) {
    org.fusedsim.cl.node.NoiseCheck.check(config);
    FusedosParams k = FusedosParams.from(config.section(FusedosParams.KIND));
    MemoryParams mem = MemoryParams.from(config.section(MemoryParams.KIND));
    Layouts.check(name(), () -> MemoryLayout.fusedOs(mem, k.spcThreads()));
    if (threads > k.spcThreads()) {
      throw new ConfigException(
          "",
          "threads",
          "direct offers " + k.spcThreads() + " application threads, not " + threads);
    }
  }

  @Override
  public NodeOs build(NodeContext context) {
    return new DirectNode(context);
  }
}
