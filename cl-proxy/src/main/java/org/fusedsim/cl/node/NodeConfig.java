package org.fusedsim.cl.node;

import org.fusedsim.bgq.interrupt.InterruptParams;
import org.fusedsim.bgq.memory.MemoryParams;
import org.fusedsim.cl.ClParams;
import org.fusedsim.core.RandomStreams;
import org.fusedsim.fusedosfs.LinuxParams;
import org.fusedsim.fusedosfs.NoiseParams;
import org.fusedsim.spc.CnkParams;
import org.fusedsim.spc.MonitorParams;

/**
 * Everything a node personality is built from.
 *
 * @param interrupt IPI and waitrsv costs
 * @param memory memory layout and line transfer
 * @param monitor SPC monitor
 * @param linux the Linux kernel (GPCs under FusedOS, every thread under Linux)
 * @param noise Linux noise sources
 * @param cl CL
 * @param cnk the CNK-native kernel
 * @param boot boot phases
 * @param streams the run's random streams
 */
public record NodeConfig(
    InterruptParams interrupt,
    MemoryParams memory,
    MonitorParams monitor,
    LinuxParams linux,
    NoiseParams noise,
    ClParams cl,
    CnkParams cnk,
    BootParams boot,
    RandomStreams streams) {
  /** The defaults of every component with the given streams. */
  public static NodeConfig defaults(RandomStreams streams) {
    return new NodeConfig(
        InterruptParams.defaults(),
        MemoryParams.defaults(),
        MonitorParams.defaults(),
        LinuxParams.defaults(),
        NoiseParams.defaults(),
        ClParams.defaults(),
        CnkParams.defaults(),
        BootParams.defaults(),
        streams);
  }
}
