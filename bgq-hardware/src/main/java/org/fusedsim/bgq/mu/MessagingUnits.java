package org.fusedsim.bgq.mu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fusedsim.bgq.torus.Torus;
import org.fusedsim.bgq.torus.TorusNetwork;
import org.fusedsim.core.Simulation;

/**
 * The Messaging Units of every node of a partition, over one {@link TorusNetwork}. Software claims
 * FIFOs in each node's {@link FifoOwnershipTable}, registers reception handlers and counters, and
 * injects {@link Descriptor}s; the MU fetches each descriptor, hands the payload to the torus and,
 * at the destination, deposits it into a reception FIFO (memory-FIFO packets), counts it down on a
 * reception counter (remote put), or injects the carried descriptor back (remote get).
 *
 * <p>Per-node state is created on first use, so a Sequoia partition where a few nodes talk costs
 * only those nodes. The hardware-internal injection that answers a remote get is not checked
 * against the ownership table (on the machine it goes into a remote-get FIFO that PAMI holds).
 */
public final class MessagingUnits {
  /** Receives packets deposited into a reception FIFO. */
  @FunctionalInterface
  public interface ReceptionHandler {
    /** Called when a memory-FIFO message from {@code source} has been deposited. */
    void received(int source, Descriptor descriptor);
  }

  private final Simulation sim;
  private final TorusNetwork net;
  private final MuParams params;
  private final Map<Integer, FifoOwnershipTable> tables = new TreeMap<>();
  private final Map<Long, ReceptionHandler> handlers = new LinkedHashMap<>();
  private final Map<Long, long[]> counters = new LinkedHashMap<>();
  private final Map<Long, Runnable> counterDone = new LinkedHashMap<>();
  private long injected;

  /** Creates the MUs of the partition that {@code net} connects. */
  public MessagingUnits(Simulation sim, TorusNetwork net, MuParams params) {
    this.sim = sim;
    this.net = net;
    this.params = params;
  }

  private static long key(int node, int id) {
    return ((long) node << 32) | (id & 0xffffffffL);
  }

  /** Returns node {@code node}'s FIFO ownership table. */
  public FifoOwnershipTable fifos(int node) {
    checkNode(node);
    return tables.computeIfAbsent(node, FifoOwnershipTable::new);
  }

  private void checkNode(int node) {
    if (node < 0 || node >= net.torus().nodeCount()) {
      throw new IllegalArgumentException("no node " + node + " in " + net.torus().shape());
    }
  }

  /** Registers the handler of a reception FIFO, which must be claimed on that node. */
  public void onReception(int node, int receptionFifo, ReceptionHandler h) {
    if (fifos(node).owner(FifoKind.RECEPTION, receptionFifo) == null) {
      throw new IllegalStateException(
          "node "
              + node
              + ": "
              + MuGeometry.describe(FifoKind.RECEPTION, receptionFifo)
              + " has no owner; claim it before receiving on it");
    }
    handlers.put(key(node, receptionFifo), h);
  }

  /** Arms reception counter {@code counterId} of {@code node} to expect {@code bytes}. */
  public void armCounter(int node, int counterId, long bytes, Runnable onZero) {
    checkNode(node);
    counters.put(key(node, counterId), new long[] {bytes});
    counterDone.put(key(node, counterId), onZero);
  }

  /** Returns the bytes still expected on a counter. */
  public long counter(int node, int counterId) {
    long[] c = counters.get(key(node, counterId));
    if (c == null) {
      throw new IllegalStateException("node " + node + ": counter " + counterId + " not armed");
    }
    return c[0];
  }

  /**
   * Queues a descriptor on an injection FIFO of {@code node}.
   *
   * @throws IllegalStateException if the FIFO has no owner
   */
  public void inject(int node, int injectionFifo, Descriptor d) {
    if (fifos(node).owner(FifoKind.INJECTION, injectionFifo) == null) {
      throw new IllegalStateException(
          "node "
              + node
              + ": "
              + MuGeometry.describe(FifoKind.INJECTION, injectionFifo)
              + " has no owner; claim it before injecting");
    }
    start(node, d);
  }

  private void start(int node, Descriptor d) {
    checkNode(d.destination());
    injected++;
    sim.schedule(
        params.descriptorFetchPs(),
        () -> net.send(node, d.destination(), d.payloadBytes(), id -> arrived(node, d)));
  }

  /** Returns the torus network FIFO a descriptor would use from {@code node}. */
  public NetworkInjectionFifo networkFifo(int node, Descriptor d) {
    if (d.networkFifo() != null) {
      return d.networkFifo();
    }
    Torus t = net.torus();
    if (node == d.destination()) {
      return NetworkInjectionFifo.LOCAL_0;
    }
    int mask = t.directionMask(node, d.destination(), net.params().tieBreak());
    return NetworkInjectionFifo.forTorusPort(t.nextPortDimensionOrder(node, d.destination(), mask));
  }

  private void arrived(int source, Descriptor d) {
    sim.schedule(params.receptionDepositPs(), () -> deposit(source, d));
  }

  private void deposit(int source, Descriptor d) {
    int dst = d.destination();
    switch (d.type()) {
      case MEMORY_FIFO -> {
        ReceptionHandler h = handlers.get(key(dst, d.receptionFifo()));
        if (h == null) {
          throw new IllegalStateException(
              "node "
                  + dst
                  + ": packet from node "
                  + source
                  + " for "
                  + MuGeometry.describe(FifoKind.RECEPTION, d.receptionFifo())
                  + ", which has no handler");
        }
        h.received(source, d);
      }
      case DIRECT_PUT -> {
        long[] c = counters.get(key(dst, d.counterId()));
        if (c == null) {
          throw new IllegalStateException(
              "node " + dst + ": put from node " + source + " on unarmed counter " + d.counterId());
        }
        c[0] -= d.payloadBytes();
        if (c[0] < 0) {
          throw new IllegalStateException(
              "node " + dst + ": counter " + d.counterId() + " received more than armed");
        }
        if (c[0] == 0) {
          Runnable done = counterDone.get(key(dst, d.counterId()));
          if (done != null) {
            done.run();
          }
        }
      }
      case REMOTE_GET -> start(dst, d.remote());
    }
  }

  /** Returns the descriptors injected so far, including remote-get replies. */
  public long descriptorsInjected() {
    return injected;
  }
}
