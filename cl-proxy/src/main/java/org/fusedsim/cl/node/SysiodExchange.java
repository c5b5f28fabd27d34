package org.fusedsim.cl.node;

import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.ninep.IoNodeServer;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.net.ninep.Sysiod;
import org.fusedsim.net.roq.RoqFabric;
import org.fusedsim.spc.CnkKernel;
import org.fusedsim.spc.Syscall;

/**
 * CNK's function shipping over roq-net's model of the torus and IO link to sysiod on the nearest IO
 * node, in place of the stand-in {@code cnk.ship_exchange}. A call with data ({@code write} and
 * friends) has it pulled by RDMA; calls on descriptors 0-2 go to stdiod and do not touch the IO
 * node's file system; other calls do one file-system operation of their byte count.
 */
public final class SysiodExchange implements CnkKernel.Exchange {
  private final Sysiod sysiod;

  /** Wraps the shipping path of one node. */
  public SysiodExchange(Sysiod sysiod) {
    this.sysiod = sysiod;
  }

  /** Builds the machine around compute node {@code rank} in {@code sim}. */
  public static SysiodExchange attach(Simulation sim, IoSetup setup, int rank) {
    TorusNetwork net = TorusNetwork.create(sim, setup.torus());
    IoNodes io = new IoNodes(new Torus(setup.torus().shape()), setup.io());
    RoqFabric f = new RoqFabric(sim, net, io, setup.io(), setup.roq(), setup.tcp());
    return new SysiodExchange(
        new Sysiod(f, setup.ninep(), new IoNodeServer(sim, setup.ninep()), rank));
  }

  /** Returns the shipping path (its call count). */
  public Sysiod sysiod() {
    return sysiod;
  }

  @Override
  public void exchange(Syscall call, Runnable done) {
    boolean stdio = call.fd() >= 0 && call.fd() <= 2 && call.path().isEmpty();
    sysiod.call(call.bytes(), stdio ? -1 : call.bytes(), done);
  }
}
