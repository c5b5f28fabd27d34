package org.fusedsim.net.pami;

import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.RoqParams;

/**
 * Everything an MPI experiment is built from.
 *
 * @param torus the partition and its links
 * @param mu Messaging Unit costs
 * @param collective the {@link ClassRoute#SPEC} values
 * @param pami PAMI and MPI software costs
 * @param layout RoQ's FIFO layout, booted on every node next to PAMI
 * @param allowConflicts whether a layout that collides with PAMI boots with shared FIFOs
 */
public record MpiSetup(
    TorusParams torus,
    MuParams mu,
    ParamValues collective,
    PamiParams pami,
    FifoLayout layout,
    boolean allowConflicts) {
  /** Returns the defaults on {@code torus}. */
  public static MpiSetup defaults(TorusParams torus) {
    return new MpiSetup(
        torus,
        MuParams.defaults(),
        ClassRoute.defaults(),
        PamiParams.defaults(),
        RoqParams.defaults().layout(),
        false);
  }

  /** Returns a copy on another partition. */
  public MpiSetup withTorus(TorusParams t) {
    return new MpiSetup(t, mu, collective, pami, layout, allowConflicts);
  }

  /** Returns a copy with other PAMI parameters. */
  public MpiSetup withPami(PamiParams p) {
    return new MpiSetup(torus, mu, collective, p, layout, allowConflicts);
  }
}
