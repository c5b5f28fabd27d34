package org.fusedsim.net.ninep;

import org.fusedsim.bgq.io.IoParams;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.net.fifo.RoqParams;
import org.fusedsim.net.pami.PamiParams;
import org.fusedsim.net.roq.TcpParams;

/**
 * Everything an IO experiment is built from.
 *
 * @param torus the partition
 * @param io IO node placement and links
 * @param mu Messaging Unit costs (MPI traffic)
 * @param pami PAMI costs (MPI traffic)
 * @param roq RoQ's layout and back-end costs
 * @param tcp TCP/IP costs
 * @param ninep 9P, sysiod and file-system costs
 */
public record IoSetup(
    TorusParams torus,
    IoParams io,
    MuParams mu,
    PamiParams pami,
    RoqParams roq,
    TcpParams tcp,
    NinePParams ninep) {
  /** Returns the defaults on {@code torus}. */
  public static IoSetup defaults(TorusParams torus) {
    return new IoSetup(
        torus,
        IoParams.defaults(),
        MuParams.defaults(),
        PamiParams.defaults(),
        RoqParams.defaults(),
        TcpParams.defaults(),
        NinePParams.defaults());
  }

  /** Returns a copy with another 9P msize. */
  public IoSetup withMsize(long msize) {
    return new IoSetup(torus, io, mu, pami, roq, tcp, ninep.withMsize(msize));
  }

  /** Returns a copy with other IO parameters. */
  public IoSetup withIo(IoParams i) {
    return new IoSetup(torus, i, mu, pami, roq, tcp, ninep);
  }
}
