package org.fusedsim.net.pami;

import org.fusedsim.bgq.mu.FifoKind;
import org.fusedsim.bgq.mu.FifoOwnershipTable;
import org.fusedsim.bgq.mu.MuGeometry;
import org.fusedsim.bgq.mu.MuParams;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;
import org.fusedsim.net.fifo.FifoAllocation;
import org.fusedsim.net.fifo.FifoLayout;
import org.fusedsim.net.fifo.SharedFifoTraffic;

/**
 * MPI point-to-point messages between ranks over PAMI, the Messaging Unit and the torus.
 *
 * <p>Rank {@code r} lives on node {@code r / ranks_per_node}. The nodes boot their FIFO allocation
 * ({@link FifoAllocation}) when the layer is created, which throws on a RoQ/PAMI conflict; a send
 * goes out on the sending context's injection FIFO for the first torus direction of its route,
 * which must be PAMI's. Protocols, with {@code L(b)} the torus delivery of a {@code b}-byte
 * message:
 *
 * <ul>
 *   <li>same node: {@code shm_latency + bytes / shm_bandwidth};
 *   <li>eager ({@code bytes <= eager_limit}): {@code send_overhead + descriptor_fetch + L(bytes) +
 *       reception_deposit + recv_overhead + bytes / copy_bandwidth};
 *   <li>rendezvous: a request-to-send {@code send_overhead + descriptor_fetch + L(0) +
 *       reception_deposit + recv_overhead}; the receiver posts an RDMA get {@code
 *       rendezvous_overhead + descriptor_fetch + L(64) + reception_deposit}; the sender's MU puts
 *       the data {@code descriptor_fetch + L(bytes) + reception_deposit}; the receiver sees its
 *       counter reach zero {@code recv_overhead}. No copy: the data lands in the user buffer.
 * </ul>
 *
 * <p>FIFOs: eager messages and requests-to-send go on the sending context's FIFO; the data of a
 * rendezvous goes on PAMI's remote-get FIFO for the route's first torus direction on the sending
 * node (the MU injects the carried descriptor there). With conflicts allowed, a layout that shares
 * those FIFOs with RoQ boots, and {@link #fifoTraffic()} counts misdelivered packets by the rule of
 * {@link SharedFifoTraffic}; a descriptor is outstanding from injection to delivery.
 *
 * <p>Receives are taken as pre-posted (no unexpected-message queue), and software overheads of one
 * rank do not serialize against each other: callers that issue many sends stagger them.
 */
public final class PamiNetwork {
  private final Simulation sim;
  private final TorusNetwork net;
  private final MuParams mu;
  private final PamiParams p;
  private final FifoOwnershipTable table;
  private final FifoAllocation allocation;
  private final SharedFifoTraffic traffic;
  private long eager;
  private long rendezvous;
  private long shm;

  /** Creates the MPI layer over {@code net}. */
  public PamiNetwork(
      Simulation sim, TorusNetwork net, MuParams mu, PamiParams p, FifoLayout layout) {
    this(sim, net, mu, p, layout, false);
  }

  /**
   * Creates the MPI layer over {@code net}; with {@code allowConflicts} a RoQ/PAMI collision boots
   * with shared FIFOs instead of throwing.
   */
  public PamiNetwork(
      Simulation sim,
      TorusNetwork net,
      MuParams mu,
      PamiParams p,
      FifoLayout layout,
      boolean allowConflicts) {
    this.sim = sim;
    this.net = net;
    this.mu = mu;
    this.p = p;
    // Every node runs the same boot sequence, so one table stands for all of them: a partition of
    // 98,304 nodes needs no per-node FIFO state.
    this.table = new FifoOwnershipTable(0);
    this.allocation = FifoAllocation.boot(table, layout, p.contextsPerNode(), allowConflicts);
    this.traffic = new SharedFifoTraffic(table);
  }

  /** Returns the shared-FIFO accounting (RoQ, when it runs beside, reports into the same one). */
  public SharedFifoTraffic fifoTraffic() {
    return traffic;
  }

  /** Returns the simulation. */
  public Simulation sim() {
    return sim;
  }

  /** Returns the torus network. */
  public TorusNetwork network() {
    return net;
  }

  /** Returns the PAMI parameters. */
  public PamiParams params() {
    return p;
  }

  /** Returns the number of ranks. */
  public int ranks() {
    return net.torus().nodeCount() * p.ranksPerNode();
  }

  /** Returns the node of a rank. */
  public int node(int rank) {
    return rank / p.ranksPerNode();
  }

  /** Returns the FIFO allocation of every node. */
  public FifoAllocation allocation() {
    return allocation;
  }

  /**
   * Sends {@code bytes} from rank {@code src} to rank {@code dst} now.
   *
   * @param onReceived run when the receive has completed at {@code dst}
   */
  public void send(int src, int dst, long bytes, Runnable onReceived) {
    int sn = node(src);
    int dn = node(dst);
    if (sn == dn) {
      shm++;
      sim.schedule(p.shmCost(bytes), onReceived);
      return;
    }
    int fifo = injectionFifo(src, sn, dn);
    long fetch = mu.descriptorFetchPs();
    long deposit = mu.receptionDepositPs();
    if (p.eager(bytes)) {
      eager++;
      long after = deposit + p.recvOverheadPs() + p.copyBandwidth().transferTime(bytes);
      sim.schedule(
          p.sendOverheadPs() + fetch,
          () -> {
            checkOwned(sn, fifo);
            traffic.inject(sn, fifo, FifoAllocation.PAMI, bytes);
            net.send(
                sn,
                dn,
                bytes,
                id -> {
                  traffic.complete(sn, fifo, FifoAllocation.PAMI);
                  sim.schedule(after, onReceived);
                });
          });
      return;
    }
    rendezvous++;
    int getFifo = remoteGetFifo(sn, dn);
    Runnable data =
        () -> {
          traffic.inject(sn, getFifo, FifoAllocation.PAMI, bytes);
          net.send(
              sn,
              dn,
              bytes,
              id -> {
                traffic.complete(sn, getFifo, FifoAllocation.PAMI);
                sim.schedule(deposit + p.recvOverheadPs(), onReceived);
              });
        };
    Runnable get =
        () ->
            net.send(
                dn, sn, MuGeometry.DESCRIPTOR_BYTES, id -> sim.schedule(deposit + fetch, data));
    sim.schedule(
        p.sendOverheadPs() + fetch,
        () -> {
          checkOwned(sn, fifo);
          traffic.inject(sn, fifo, FifoAllocation.PAMI, 0);
          net.send(
              sn,
              dn,
              0,
              id -> {
                traffic.complete(sn, fifo, FifoAllocation.PAMI);
                sim.schedule(deposit + p.recvOverheadPs() + p.rendezvousOverheadPs() + fetch, get);
              });
        });
  }

  private int injectionFifo(int rank, int sn, int dn) {
    Torus t = net.torus();
    int port = t.nextPortDimensionOrder(sn, dn, t.directionMask(sn, dn, net.params().tieBreak()));
    int context = (rank % p.ranksPerNode()) * p.contextsPerRank();
    return allocation.injectionFifo(context, port);
  }

  private int remoteGetFifo(int sn, int dn) {
    Torus t = net.torus();
    int port = t.nextPortDimensionOrder(sn, dn, t.directionMask(sn, dn, net.params().tieBreak()));
    return allocation.pamiGlobalInjection()[port % FifoAllocation.PAMI_REMOTE_GET];
  }

  private void checkOwned(int node, int fifo) {
    String owner = table.owner(FifoKind.INJECTION, fifo);
    if (!FifoAllocation.PAMI.equals(owner)) {
      throw new IllegalStateException(
          "node "
              + node
              + ": PAMI injects on "
              + MuGeometry.describe(FifoKind.INJECTION, fifo)
              + " owned by '"
              + owner
              + "'");
    }
  }

  /** Returns the messages sent eagerly. */
  public long eagerMessages() {
    return eager;
  }

  /** Returns the messages sent by rendezvous. */
  public long rendezvousMessages() {
    return rendezvous;
  }

  /** Returns the messages between ranks of one node. */
  public long sharedMemoryMessages() {
    return shm;
  }
}
