package org.fusedsim.cl.fusedos;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.fusedsim.bgq.memory.MemoryLayout;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.ClParams;
import org.fusedsim.cl.Profile;
import org.fusedsim.cl.node.BootParams;
import org.fusedsim.cl.node.Layouts;
import org.fusedsim.cl.node.NodeContext;
import org.fusedsim.cl.node.NodeOs;
import org.fusedsim.cl.node.Personality;
import org.fusedsim.cl.node.Sections;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.NoiseParams;
import org.fusedsim.spc.MonitorParams;

/** FusedOS: Linux on the GPCs, CNK applications on the SPCs, their calls served by CL. */
public final class FusedosPersonality implements Personality {
  @Override
  public String name() {
    return "fusedos";
  }

  @Override
  public String description() {
    return "Linux on the GPCs, CNK applications on SPC monitors, system calls served by CL";
  }

  @Override
  public ImmutableList<ComponentSpec> sections() {
    return ImmutableList.of(
        FusedosParams.SPEC,
        ClParams.SPEC,
        MonitorParams.SPEC,
        LinuxParams.SPEC,
        NoiseParams.SPEC,
        BootParams.SPEC);
  }

  @Override
  public ImmutableMap<String, ImmutableMap<String, String>> variants() {
    ImmutableMap.Builder<String, ImmutableMap<String, String>> b = ImmutableMap.builder();
    for (Profile p : Profile.values()) {
      b.put(p.id(), ImmutableMap.of(ClParams.KIND + ".profile", p.id()));
    }
    return b.build();
  }

  @Override
  public int appThreads(Sections config) {
    FusedosParams k = FusedosParams.from(config.section(FusedosParams.KIND));
    ClParams cl = ClParams.from(config.section(ClParams.KIND));
    return Math.max(0, k.spcThreads() - cl.firstSpc());
  }

  @Override
  public void check(Sections config, int threads) {
    org.fusedsim.cl.node.NoiseCheck.check(config);
    FusedosParams k = FusedosParams.from(config.section(FusedosParams.KIND));
    MemoryParams mem = MemoryParams.from(config.section(MemoryParams.KIND));
    Layouts.check(name(), () -> MemoryLayout.fusedOs(mem, k.spcThreads()));
    FusedosNode.checkLaunch(ClParams.from(config.section(ClParams.KIND)), threads, k.spcThreads());
  }

  @Override
  public NodeOs build(NodeContext context) {
    return new FusedosNode(context);
  }
}
