package org.fusedsim.scenarios.cli;

import com.google.common.collect.ImmutableList;
import org.fusedsim.bgq.BgqComponents;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.scenarios.io.IoWriteKind;
import org.fusedsim.scenarios.io.MixedTrafficKind;
import org.fusedsim.scenarios.load.ScenarioKind;
import org.fusedsim.scenarios.load.ScenarioKinds;
import org.fusedsim.scenarios.load.ScenarioLoader;
import org.fusedsim.scenarios.mpi.MpiAllreduceKind;
import org.fusedsim.scenarios.mpi.MpiAlltoallKind;
import org.fusedsim.scenarios.mpi.MpiPingPongKind;
import org.fusedsim.scenarios.mu.MuLayoutKind;
import org.fusedsim.scenarios.node.BspKind;
import org.fusedsim.scenarios.node.FwqKind;
import org.fusedsim.scenarios.node.MemoryKind;
import org.fusedsim.scenarios.node.NodeTourKind;
import org.fusedsim.scenarios.node.OpenmpBarrierKind;
import org.fusedsim.scenarios.node.OsSlowdownKind;
import org.fusedsim.scenarios.node.SmtScalingKind;
import org.fusedsim.scenarios.node.SyscallLatencyKind;
import org.fusedsim.scenarios.node.SyscallStormKind;
import org.fusedsim.scenarios.phold.PholdKind;
import org.fusedsim.scenarios.torus.TorusContentionKind;
import org.fusedsim.scenarios.torus.TorusPatternsKind;
import org.fusedsim.scenarios.torus.TorusPingPongKind;

/**
 * Everything this build can simulate: the scenario kinds and the component declarations that {@code
 * describe} and {@code docs/parameters.md} are generated from.
 */
public final class Components {
  private final ScenarioKinds kinds;
  private final ImmutableList<ComponentSpec> specs;

  /** Creates the registry of this build. */
  public Components() {
    ImmutableList<ScenarioKind> k =
        ImmutableList.of(
            new PholdKind(),
            new TorusPingPongKind(),
            new TorusContentionKind(),
            new TorusPatternsKind(),
            new MuLayoutKind(),
            new MpiPingPongKind(),
            new MpiAllreduceKind(),
            new MpiAlltoallKind(),
            new SyscallLatencyKind(),
            new SyscallStormKind(),
            new FwqKind(),
            new BspKind(),
            new OpenmpBarrierKind(),
            new SmtScalingKind(),
            new MemoryKind(),
            new OsSlowdownKind(),
            new NodeTourKind(),
            new IoWriteKind(),
            new MixedTrafficKind(),
            new org.fusedsim.scenarios.app.AppKind(),
            new org.fusedsim.scenarios.app.NoiseScaleKind());
    this.kinds = new ScenarioKinds(k);
    ImmutableList.Builder<ComponentSpec> b = ImmutableList.builder();
    b.add(ScenarioLoader.TOP);
    b.addAll(BgqComponents.specs());
    b.add(org.fusedsim.scenarios.replay.ReplayParams.SPEC);
    b.add(org.fusedsim.scenarios.app.TiParams.SPEC);
    for (ScenarioKind kind : k) {
      for (ComponentSpec s : kind.sections()) {
        b.add(s);
      }
    }
    this.specs = dedupe(b.build());
  }

  private static ImmutableList<ComponentSpec> dedupe(ImmutableList<ComponentSpec> all) {
    ImmutableList.Builder<ComponentSpec> out = ImmutableList.builder();
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    for (ComponentSpec s : all) {
      if (seen.add(s.kind())) {
        out.add(s);
      }
    }
    return out.build();
  }

  /** Returns the scenario kinds. */
  public ScenarioKinds kinds() {
    return kinds;
  }

  /** Returns every component declaration, each kind once. */
  public ImmutableList<ComponentSpec> specs() {
    return specs;
  }
}
