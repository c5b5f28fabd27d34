package org.fusedsim.net.pami;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The software costs of PAMI and MPI on a compute node. None of these is published per step in the
 * sources of bgq-facts.md; each is an estimate with its reasoning in {@link #SPEC}.
 *
 * @param ranksPerNode MPI ranks per node (1-64)
 * @param contextsPerRank PAMI contexts per rank
 * @param eagerLimitBytes largest message sent eagerly; above it, rendezvous with an RDMA get
 * @param sendOverheadPs sender software from the MPI call to the descriptor being queued
 * @param recvOverheadPs receiver software from a packet in the reception FIFO to the match
 * @param rendezvousOverheadPs extra receiver software to post the remote get of a rendezvous
 * @param copyBandwidth rate of the receiver's copy out of the reception FIFO (eager only)
 * @param shmLatencyPs one message between two ranks of one node through shared memory
 * @param shmBandwidth copy rate of shared-memory messages
 * @param collectiveOverheadPs software entry and exit of one collective call
 * @param reduceBandwidth rate at which software combines two buffers (point-to-point algorithms)
 */
public record PamiParams(
    int ranksPerNode,
    int contextsPerRank,
    long eagerLimitBytes,
    long sendOverheadPs,
    long recvOverheadPs,
    long rendezvousOverheadPs,
    Bandwidth copyBandwidth,
    long shmLatencyPs,
    Bandwidth shmBandwidth,
    long collectiveOverheadPs,
    Bandwidth reduceBandwidth) {
  /** The component kind. */
  public static final String KIND = "pami";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "roq-net",
          "PAMI and MPI on the compute nodes: ranks, protocols and software overheads.",
          Parameter.builder("ranks_per_node", ParamType.INTEGER)
              .unit("ranks")
              .defaultValue("16")
              .range("1", "64")
              .source("text (64 application hardware threads per node; 16 = one rank per core)")
              .description("MPI ranks per node; ranks of one node talk through shared memory")
              .build(),
          Parameter.builder("contexts_per_rank", ParamType.INTEGER)
              .unit("contexts")
              .defaultValue("1")
              .range("1", "2")
              .source("code (PAMI ResourceManager.h: FIFOs are allocated per context)")
              .description("PAMI contexts per rank; each wants 10 injection + 1 reception FIFO")
              .build(),
          Parameter.builder("eager_limit", ParamType.SIZE)
              .unit("B")
              .defaultValue("4KiB")
              .range("0B", "1GiB")
              .source(
                  "estimate: rendezvous costs one extra small round trip (~1.5 us with these overheads); the eager copy"
                      + " of 4 KiB at copy_bandwidth costs ~1 us, so the switch belongs at a few"
                      + " KiB")
              .description("largest message sent eagerly; larger ones use rendezvous + RDMA get")
              .build(),
          Parameter.builder("send_overhead", ParamType.TIME)
              .unit("ns")
              .defaultValue("300ns")
              .range("0ns", "100us")
              .source(
                  "estimate: MPI + PAMI send path of ~500 instructions at 1 instruction/cycle"
                      + " (in-order A2 thread) = 480 cycles = 300 ns")
              .description("sender software from the MPI call to the descriptor being queued")
              .build(),
          Parameter.builder("recv_overhead", ParamType.TIME)
              .unit("ns")
              .defaultValue("300ns")
              .range("0ns", "100us")
              .source(
                  "estimate: polling the reception FIFO, header dispatch and matching, ~500"
                      + " instructions = 300 ns")
              .description("receiver software from a deposited packet to the matched receive")
              .build(),
          Parameter.builder("rendezvous_overhead", ParamType.TIME)
              .unit("ns")
              .defaultValue("400ns")
              .range("0ns", "100us")
              .source(
                  "estimate: building the remote-get descriptor, arming a reception counter and"
                      + " pinning the buffer, ~650 instructions = 400 ns")
              .description("extra receiver software to start the RDMA get of a rendezvous")
              .build(),
          Parameter.builder("copy_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("4GB/s")
              .range("1MB/s", "1000GB/s")
              .source(
                  "estimate: one thread's memcpy through L2, a tenth of the node's 42.7 GB/s"
                      + " memory bandwidth")
              .description("receiver copy out of the reception FIFO into the user buffer (eager)")
              .build(),
          Parameter.builder("shm_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("250ns")
              .range("0ns", "100us")
              .source(
                  "estimate: two L2 line transfers (2 x 80 cycles = 100 ns) plus ~250"
                      + " instructions of queue handling")
              .description("one message between two ranks of a node through shared memory")
              .build(),
          Parameter.builder("shm_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("4GB/s")
              .range("1MB/s", "1000GB/s")
              .source("estimate: the same single-thread copy rate as copy_bandwidth")
              .description("copy rate of shared-memory messages")
              .build(),
          Parameter.builder("collective_overhead", ParamType.TIME)
              .unit("ns")
              .defaultValue("500ns")
              .range("0ns", "100us")
              .source(
                  "estimate: entry, algorithm selection, descriptor set-up and completion"
                      + " polling of one collective, ~800 instructions")
              .description("software entry and exit of one collective call")
              .build(),
          Parameter.builder("reduce_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("4GB/s")
              .range("1MB/s", "1000GB/s")
              .source(
                  "estimate: a double-sum loop reads two buffers and writes one; memory bound on"
                      + " one thread like copy_bandwidth")
              .description("rate at which software combines buffers in point-to-point algorithms")
              .build());

  /** Validates the values. */
  public PamiParams {
    if (ranksPerNode < 1 || ranksPerNode > 64 || contextsPerRank < 1) {
      throw new IllegalArgumentException("ranks per node must be 1-64, contexts at least 1");
    }
  }

  /** Returns the defaults. */
  public static PamiParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static PamiParams from(ParamValues v) {
    return new PamiParams(
        (int) v.integer("ranks_per_node"),
        (int) v.integer("contexts_per_rank"),
        v.size("eager_limit").bytes(),
        v.time("send_overhead"),
        v.time("recv_overhead"),
        v.time("rendezvous_overhead"),
        v.bandwidth("copy_bandwidth"),
        v.time("shm_latency"),
        v.bandwidth("shm_bandwidth"),
        v.time("collective_overhead"),
        v.bandwidth("reduce_bandwidth"));
  }

  /** Returns a copy with another number of ranks per node. */
  public PamiParams withRanksPerNode(int r) {
    return new PamiParams(
        r,
        contextsPerRank,
        eagerLimitBytes,
        sendOverheadPs,
        recvOverheadPs,
        rendezvousOverheadPs,
        copyBandwidth,
        shmLatencyPs,
        shmBandwidth,
        collectiveOverheadPs,
        reduceBandwidth);
  }

  /** Returns PAMI contexts per node. */
  public int contextsPerNode() {
    return ranksPerNode * contextsPerRank;
  }

  /** Returns whether a message of {@code bytes} goes eagerly. */
  public boolean eager(long bytes) {
    return bytes <= eagerLimitBytes;
  }

  /** Returns the cost of one shared-memory message of {@code bytes}. */
  public long shmCost(long bytes) {
    return shmLatencyPs + shmBandwidth.transferTime(bytes);
  }
}
