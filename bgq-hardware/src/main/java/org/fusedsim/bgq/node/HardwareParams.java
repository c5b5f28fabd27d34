package org.fusedsim.bgq.node;

import org.fusedsim.bgq.chip.ChipParams;
import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.ClassRoute;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.param.ParamValues;

/**
 * Every hardware parameter of a partition.
 *
 * @param chip the compute chip (every node, compute and IO)
 * @param memory node memory
 * @param interrupt IPIs and {@code waitrsv}
 * @param mu the Messaging Unit
 * @param torus the torus: shape, links, routing, level of detail
 * @param collective the collective network's class routes ({@link ClassRoute#SPEC} values)
 * @param io IO nodes: ratio and IO links
 */
public record HardwareParams(
    ChipParams chip,
    MemoryParams memory,
    InterruptParams interrupt,
    MuParams mu,
    TorusParams torus,
    ParamValues collective,
    IoParams io) {
  /** The defaults on a partition of {@code torus}. */
  public static HardwareParams defaults(TorusParams torus) {
    return new HardwareParams(
        ChipParams.defaults(),
        MemoryParams.defaults(),
        InterruptParams.defaults(),
        MuParams.defaults(),
        torus,
        ClassRoute.defaults(),
        IoParams.defaults());
  }

  /** Returns a copy on another torus. */
  public HardwareParams withTorus(TorusParams t) {
    return new HardwareParams(chip, memory, interrupt, mu, t, collective, io);
  }

  /** Returns a copy with other IO parameters. */
  public HardwareParams withIo(IoParams i) {
    return new HardwareParams(chip, memory, interrupt, mu, torus, collective, i);
  }
}
