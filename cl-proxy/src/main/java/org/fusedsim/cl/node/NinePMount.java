package org.fusedsim.cl.node;

import java.util.function.LongConsumer;
import org.fusedsim.bgq.io.IoNodes;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;
import org.fusedsim.fusedosfs.FsBackend;
import org.fusedsim.fusedosfs.FsOp;
import org.fusedsim.net.ninep.IoNodeServer;
import org.fusedsim.net.ninep.IoSetup;
import org.fusedsim.net.ninep.NinePClient;
import org.fusedsim.net.roq.RoqFabric;

/**
 * The 9P mount of a FusedOS compute node as a VFS file system: each operation becomes v9fs requests
 * to diod on the nearest IO node over TCP on RoQ ({@link NinePClient}). open = walk, lopen,
 * getattr; stat = walk, getattr, clunk; close and metadata changes = one small request; read and
 * write = one request per {@code msize - 24} bytes.
 *
 * <p>The client's CPU work (v9fs per request, TCP/IP per segment and byte) is charged on roq-net's
 * model of the node's GPC stack thread, not on the Linux scheduler of {@code fusedosfs}, so {@link
 * #cpuCost} is 0: the CL thread sleeps while its requests are in flight, and the GPC time of the
 * stack does not compete with other Linux work on the node.
 */
public final class NinePMount implements FsBackend {
  private final NinePClient client;

  /** Wraps a client. */
  public NinePMount(NinePClient client) {
    this.client = client;
  }

  /**
   * Builds the machine around compute node {@code rank} in {@code sim} (torus, IO nodes, RoQ, diod)
   * and mounts from its nearest IO node.
   */
  public static NinePMount attach(Simulation sim, IoSetup setup, int rank) {
    TorusNetwork net = TorusNetwork.create(sim, setup.torus());
    IoNodes io = new IoNodes(new Torus(setup.torus().shape()), setup.io());
    RoqFabric f = new RoqFabric(sim, net, io, setup.io(), setup.roq(), setup.tcp());
    IoNodeServer server = new IoNodeServer(sim, setup.ninep());
    return new NinePMount(new NinePClient(f, setup.ninep(), server, rank));
  }

  /** Returns the client (its request count). */
  public NinePClient client() {
    return client;
  }

  @Override
  public String name() {
    return "9p";
  }

  @Override
  public long cpuCost(FsOp op, long bytes) {
    return 0;
  }

  @Override
  public void complete(FsOp op, String path, long bytes, LongConsumer done) {
    switch (op) {
      case OPEN -> client.open(done);
      case STAT -> client.stat(done);
      case CLOSE, META -> client.close(done);
      case WRITE -> client.write(bytes, done);
      case READ -> client.read(bytes, done);
    }
  }
}
