package org.fusedsim.scenarios.mpi;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.scenarios.load.Scenario;
import org.fusedsim.scenarios.machine.Machines;

/**
 * What the MPI scenario kinds share: the machine's sections, the personalities (CNK first: PAMI is
 * the MPI layer of CNK applications), and the checks of the ranks on a node.
 */
final class MpiKinds {
  private MpiKinds() {}

  /** The personalities, the default first. */
  static final ImmutableList<String> PERSONALITIES = Machines.personalities("cnk");

  static ImmutableList<ComponentSpec> sections(ComponentSpec own) {
    return Machines.with(own);
  }

  /**
   * Checks that the FIFO layout boots and that {@code ranks_per_node} ranks fit the application
   * threads of every personality.
   */
  static void check(Scenario s) {
    int ppn = PamiParams.from(s.section(PamiParams.KIND)).ranksPerNode();
    Machines.check(s, ppn, PamiParams.KIND, "ranks_per_node");
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
