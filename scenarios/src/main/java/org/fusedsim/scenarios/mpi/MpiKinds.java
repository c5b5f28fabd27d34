package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.bgq.mu.FifoConflictException;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.pami.MpiSetup;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.load.CheckException;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.torus.TorusKinds;

/** What the MPI scenario kinds share: their sections, the set-up, and the boot-time FIFO check. */
final class MpiKinds {
  private MpiKinds() {}

  /** The sections every MPI kind reads, before its own. */
  static final ImmutableList<ComponentSpec> COMMON =
      ImmutableList.of(
          TorusParams.SPEC, MuParams.SPEC, ClassRoute.SPEC, PamiParams.SPEC, RoqParams.SPEC);

  static ImmutableList<ComponentSpec> sections(ComponentSpec own) {
    return ImmutableList.<ComponentSpec>builder().addAll(COMMON).add(own).build();
  }

  /** Builds the set-up of a scenario. */
  static MpiSetup setup(Scenario s) {
    RoqParams roq = RoqParams.from(s.section(RoqParams.KIND));
    return new MpiSetup(
        TorusKinds.params(s),
        MuParams.from(s.section(MuParams.KIND)),
        s.section(ClassRoute.KIND),
        PamiParams.from(s.section(PamiParams.KIND)),
        roq.layout(),
        roq.allowConflicts());
  }

  /**
   * Boots one node's FIFO allocation as every node does (the same sequence on each), so a layout in
   * which RoQ and PAMI claim the same FIFO is rejected before anything runs, unless {@code
   * roq.allow_conflicts} (set by {@code --allow-conflicts}) lets it boot with shared FIFOs.
   *
   * @throws CheckException at {@code roq.fifo_layout} on a conflict, at {@code
   *     pami.contexts_per_rank} when the contexts do not fit
   */
  static void checkFifos(Scenario s) {
    TorusKinds.params(s);
    PamiParams p = PamiParams.from(s.section(PamiParams.KIND));
    RoqParams roq = RoqParams.from(s.section(RoqParams.KIND));
    FifoLayout layout = roq.layout();
    try {
      FifoAllocation.boot(
          new FifoOwnershipTable(0), layout, p.contextsPerNode(), roq.allowConflicts());
    } catch (FifoConflictException e) {
      throw new CheckException(
          RoqParams.KIND,
          "fifo_layout",
          "RoQ's FIFO layout '"
              + layout.name().toLowerCase(java.util.Locale.ROOT)
              + "' collides with PAMI at boot: "
              + e.getMessage()
              + "; use fifo_layout: fusedos");
    } catch (IllegalArgumentException e) {
      throw new CheckException(PamiParams.KIND, "contexts_per_rank", e.getMessage());
    }
  }

  /** Returns how many injection FIFOs RoQ and PAMI share on each node under {@code setup}. */
  static int sharedFifos(MpiSetup setup) {
    FifoOwnershipTable t = new FifoOwnershipTable(0);
    FifoAllocation.boot(t, setup.layout(), setup.pami().contextsPerNode(), setup.allowConflicts());
    return t.shared(org.fusedsim.bgq.mu.FifoKind.INJECTION).length;
  }

  /**
   * Returns {@code from}, {@code from x factor}, ... below {@code to}, then {@code to} ({@code from
   * >= 1}).
   */
  static List<Long> sizes(long from, long to, long factor) {
    List<Long> out = new ArrayList<>();
    for (long v = from; v <= to; v *= factor) {
      out.add(v);
    }
    if (out.get(out.size() - 1) != to) {
      out.add(to);
    }
    return out;
  }
}
