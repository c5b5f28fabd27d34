package org.fusedsim.net;

import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.ninep.NinePParams;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.net.roq.TcpParams;

/**
 * Every parameter of the software on the network.
 *
 * @param pami PAMI and MPI costs
 * @param roq RoQ's FIFO layout and back-end costs
 * @param tcp TCP/IP costs
 * @param ninep 9P, diod, sysiod and file-system costs
 */
public record NetParams(PamiParams pami, RoqParams roq, TcpParams tcp, NinePParams ninep) {
  /** The defaults. */
  public static NetParams defaults() {
    return new NetParams(
        PamiParams.defaults(), RoqParams.defaults(), TcpParams.defaults(), NinePParams.defaults());
  }

  /** Returns a copy with other PAMI parameters. */
  public NetParams withPami(PamiParams p) {
    return new NetParams(p, roq, tcp, ninep);
  }

  /** Returns a copy with another 9P msize. */
  public NetParams withMsize(long msize) {
    return new NetParams(pami, roq, tcp, ninep.withMsize(msize));
  }
}
