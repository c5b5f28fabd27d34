package org.fusedsim.net.pami;

import org.fusedsim.bgq.torus.PacketFormat;
import org.fusedsim.bgq.torus.TorusParams;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * PAMI and MPI on a compute node: the point-to-point protocols' cut-offs and the software cost of
 * each protocol step on the A2 core. The cut-offs are published (LLNL BG/Q tutorial, see {@link
 * #SPEC}); no per-step cost is, so each step is an estimate from the instructions and memory it
 * touches, and the steps of the small-message path are scaled together so that the ping-pong fit
 * meets the published alpha = 3.8 us (a calibration, so that figure is a consistency check).
 *
 * @param ranksPerNode MPI ranks per node (1-64)
 * @param contextsPerRank PAMI contexts per rank
 * @param immediateLimitBytes largest MPI payload carried in the descriptor's packet
 *     (send-immediate)
 * @param shortLimitBytes largest MPI payload sent as one packet from the user buffer
 * @param eagerLimitBytes largest message sent eagerly; above it, rendezvous with a remote get
 * @param envelopeBytes MPI match information carried in the payload of an eager message's packet
 * @param rtsBytes payload of a request-to-send (envelope, source buffer's memory region, length)
 * @param sendCallPs MPI send entry: request, rank translation, protocol choice, context lock
 * @param sendStatePs a send state with its completion callback (every protocol but immediate)
 * @param rendezvousStatePs the memory region of the source buffer for the remote get
 * @param injectPs building a descriptor in an injection FIFO slot and advancing the FIFO tail
 * @param sendCompletePs the local completion callback and the MPI request's completion on the
 *     sender (not immediate; rendezvous: when the acknowledgement is taken)
 * @param pollPs finding one packet in a reception FIFO (or a counter at zero) and dispatching it
 * @param packetPs each further packet of a multi-packet eager message
 * @param matchPs matching an envelope against the posted receives
 * @param unexpectedPs an envelope that matched no posted receive: kept on the unexpected queue and
 *     matched when the receive is posted (an eager payload is copied twice)
 * @param recvStatePs a receive state for a multi-packet eager message
 * @param getPostPs building the remote get and its put descriptor, arming a reception counter
 * @param recvCompletePs the receive's completion callback and the MPI request's completion
 * @param copyBandwidth rate of the receiver's copy out of the reception FIFO (eager only)
 * @param shmLatencyPs one message between two ranks of one node through shared memory
 * @param shmBandwidth copy rate of shared-memory messages
 * @param collectiveOverheadPs software entry and exit of one collective call
 * @param reduceBandwidth rate at which software combines two buffers (point-to-point algorithms)
 * @param collectiveCompletionPs completion of a collective on the leader: the reception counter
 *     seen at zero and the result flagged to the node's other ranks
 * @param collectiveChunkBytes the piece a large collective is pipelined in
 * @param optimizedTrees spanning trees over the torus links of the optimized allreduce
 * @param commThreads communication threads per node that combine and forward for the optimized
 *     allreduce
 * @param packetPayloadBytes payload of one torus packet, from the torus's packet format ({@code
 *     torus.max_payload}), which the eager protocols fill
 */
public record PamiParams(
    int ranksPerNode,
    int contextsPerRank,
    long immediateLimitBytes,
    long shortLimitBytes,
    long eagerLimitBytes,
    long envelopeBytes,
    long rtsBytes,
    long sendCallPs,
    long sendStatePs,
    long rendezvousStatePs,
    long injectPs,
    long sendCompletePs,
    long pollPs,
    long packetPs,
    long matchPs,
    long unexpectedPs,
    long recvStatePs,
    long getPostPs,
    long recvCompletePs,
    Bandwidth copyBandwidth,
    long shmLatencyPs,
    Bandwidth shmBandwidth,
    long collectiveOverheadPs,
    Bandwidth reduceBandwidth,
    long collectiveCompletionPs,
    long collectiveChunkBytes,
    int optimizedTrees,
    int commThreads,
    long packetPayloadBytes) {
  /** The component kind. */
  public static final String KIND = "pami";

  private static final String CAL =
      "; scaled with the other small-message steps so that the ping-pong fit meets alpha = 3.8 us"
          + " (calibration)";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "roq-net",
          "PAMI and MPI on the compute nodes: ranks, protocols, their cut-offs and the software"
              + " cost of each protocol step.",
          Parameter.builder("ranks_per_node", ParamType.INTEGER)
              .unit("ranks")
              .defaultValue("16")
              .range("1", "64")
              .source("text (64 application hardware threads per node; 16 = one rank per core)")
              .description("MPI ranks per node; ranks of one node talk through shared memory")
              .build(),
          Parameter.builder("threads_per_rank", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("1")
              .range("1", "64")
              .source("workload definition")
              .description(
                  "application threads per rank: rank t's are threads t x threads_per_rank up,"
                      + " the first the one MPI runs in")
              .build(),
          Parameter.builder("contexts_per_rank", ParamType.INTEGER)
              .unit("contexts")
              .defaultValue("1")
              .range("1", "2")
              .source("code (PAMI ResourceManager.h: FIFOs are allocated per context)")
              .description("PAMI contexts per rank; each wants 10 injection + 1 reception FIFO")
              .build(),
          Parameter.builder("immediate_limit", ParamType.SIZE)
              .unit("B")
              .defaultValue("112B")
              .range("0B", "1GiB")
              .source("text (LLNL BG/Q tutorial: immediate up to 112 B of MPI data)")
              .description("largest message whose payload travels in the descriptor's packet")
              .build(),
          Parameter.builder("short_limit", ParamType.SIZE)
              .unit("B")
              .defaultValue("496B")
              .range("0B", "1GiB")
              .source("text (LLNL BG/Q tutorial: single-packet eager up to 496 B)")
              .description("largest message sent as one packet from the user buffer")
              .build(),
          Parameter.builder("eager_limit", ParamType.SIZE)
              .unit("B")
              .defaultValue("2048B")
              .range("0B", "1GiB")
              .source("text (LLNL BG/Q tutorial: eager up to 2,048 B, PAMID_RZV default 2049 B)")
              .description("largest message sent eagerly; larger ones use rendezvous + remote get")
              .build(),
          Parameter.builder("envelope", ParamType.SIZE)
              .unit("B")
              .defaultValue("16B")
              .range("0B", "512B")
              .source(
                  "text + arithmetic: a 512 B packet payload carries 496 B of MPI data in the"
                      + " single-packet protocol, so 16 B of match information ride along")
              .description("MPI match information in the payload of an eager packet")
              .build(),
          Parameter.builder("rts_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("48B")
              .range("0B", "512B")
              .source(
                  "estimate: the 16 B envelope, the source buffer's address and memory region"
                      + " (~24 B) and the length (8 B)")
              .description("payload of a rendezvous request-to-send")
              .build(),
          Parameter.builder("send_call", ParamType.TIME)
              .unit("ns")
              .defaultValue("900ns")
              .range("0ns", "100us")
              .source(
                  "estimate: MPI_Send entry through PAMID, request object, rank-to-endpoint"
                      + " translation, protocol choice and the context lock (two L2 atomics of"
                      + " ~100 cycles): ~900 instructions and ~4 L2 misses, ~1,400 cycles"
                      + CAL)
              .description("sender software from the MPI call to the protocol's first step")
              .build(),
          Parameter.builder("send_state", ParamType.TIME)
              .unit("ns")
              .defaultValue("300ns")
              .range("0ns", "100us")
              .source(
                  "estimate: allocating and filling a send state with its completion callback,"
                      + " ~300 instructions and 2 L2 misses, ~480 cycles; what separates the"
                      + " single-packet protocol from immediate")
              .description("a send state with its completion callback (all but immediate)")
              .build(),
          Parameter.builder("rendezvous_state", ParamType.TIME)
              .unit("ns")
              .defaultValue("500ns")
              .range("0ns", "100us")
              .source(
                  "estimate: the send state plus the source buffer's memory region (a lookup of"
                      + " the buffer's physical mapping), ~500 instructions and 4 L2 misses,"
                      + " ~800 cycles")
              .description("sender state and memory region of a rendezvous request-to-send")
              .build(),
          Parameter.builder("inject", ParamType.TIME)
              .unit("ns")
              .defaultValue("400ns")
              .range("0ns", "100us")
              .source(
                  "estimate: the 64 B descriptor written into the FIFO slot (8 stores, header"
                      + " fields, ~150 instructions) and two uncached MU accesses (free space,"
                      + " tail) of ~200 cycles each at the 800 MHz MU: ~640 cycles"
                      + CAL)
              .description("a descriptor built in an injection FIFO slot and the tail advanced")
              .build(),
          Parameter.builder("send_complete", ParamType.TIME)
              .unit("ns")
              .defaultValue("300ns")
              .range("0ns", "100us")
              .source(
                  "estimate: the completion callback and the MPI request's completion,"
                      + " ~400 instructions and 1 L2 miss, ~480 cycles")
              .description("sender completion (not immediate; rendezvous: on the acknowledgement)")
              .build(),
          Parameter.builder("poll", ParamType.TIME)
              .unit("ns")
              .defaultValue("550ns")
              .range("0ns", "100us")
              .source(
                  "estimate: an uncached read of the reception FIFO's tail (~200 cycles), the"
                      + " packet header's two lines from L2 (the MU wrote them: 2 x 80 cycles) and"
                      + " the dispatch through the header's id (~250 instructions): ~880 cycles"
                      + CAL)
              .description(
                  "one packet (or a counter at zero) found in a reception FIFO, dispatched")
              .build(),
          Parameter.builder("packet", ParamType.TIME)
              .unit("ns")
              .defaultValue("150ns")
              .range("0ns", "100us")
              .source(
                  "estimate: each further packet of a multi-packet message, the receive state"
                      + " already found: FIFO head advance and header check, ~120 instructions"
                      + " and 1 L2 miss, ~240 cycles (its copy is counted at copy_bandwidth)")
              .description("each further packet of a multi-packet eager message")
              .build(),
          Parameter.builder("match", ParamType.TIME)
              .unit("ns")
              .defaultValue("660ns")
              .range("0ns", "100us")
              .source(
                  "estimate: the envelope compared with the posted receives (communicator,"
                      + " source, tag), the queue walked and unlinked under the context lock,"
                      + " ~650 instructions and 5 L2 misses, ~1,050 cycles"
                      + CAL)
              .description("matching an envelope against the posted receives")
              .build(),
          Parameter.builder("unexpected", ParamType.TIME)
              .unit("ns")
              .defaultValue("400ns")
              .range("0ns", "100us")
              .source(
                  "estimate: a buffer allocated and queued on the unexpected queue, later found"
                      + " and freed when the receive is posted, ~500 instructions and 2 L2"
                      + " misses, ~640 cycles; an eager payload is also copied twice")
              .description("extra cost of a message that arrives before its receive is posted")
              .build(),
          Parameter.builder("recv_state", ParamType.TIME)
              .unit("ns")
              .defaultValue("300ns")
              .range("0ns", "100us")
              .source(
                  "estimate: a receive state allocated and registered for the later packets of"
                      + " the message, ~300 instructions and 2 L2 misses, ~480 cycles; what"
                      + " separates multi-packet eager from single-packet")
              .description("a receive state for a multi-packet eager message")
              .build(),
          Parameter.builder("get_post", ParamType.TIME)
              .unit("ns")
              .defaultValue("500ns")
              .range("0ns", "100us")
              .source(
                  "estimate: the remote get and its 64 B put payload descriptor, the target"
                      + " buffer's memory region, a reception counter armed, ~500 instructions and"
                      + " 4 L2 misses, ~800 cycles (its injection counts as inject)")
              .description("receiver software building and arming the remote get of a rendezvous")
              .build(),
          Parameter.builder("recv_complete", ParamType.TIME)
              .unit("ns")
              .defaultValue("800ns")
              .range("0ns", "100us")
              .source(
                  "estimate: the receive's completion callback, the MPI request and status, the"
                      + " context unlock and the return from MPI_Recv/MPI_Wait, ~900 instructions"
                      + " and 3 L2 misses, ~1,300 cycles"
                      + CAL)
              .description("the receive's completion callback and the MPI request's completion")
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
              .build(),
          Parameter.builder("collective_completion", ParamType.TIME)
              .unit("ns")
              .defaultValue("300ns")
              .range("0ns", "100us")
              .source(
                  "estimate: one poll of the collective reception counter (like poll, ~550 ns"
                      + " for a FIFO; a counter read is half of it) and one L2 store to the node's"
                      + " result flag, ~480 instructions")
              .description(
                  "completion of a collective on the leader: counter at zero, result flagged to"
                      + " the node's ranks")
              .build(),
          Parameter.builder("collective_chunk", ParamType.SIZE)
              .unit("B")
              .defaultValue("64KiB")
              .range("512B", "1GiB")
              .source(
                  "estimate: PAMI pipelines large collectives in pieces so the node's shared"
                      + " memory phase overlaps the network; 64 KiB keeps a piece of each of 16"
                      + " ranks in the 32 MB L2 and its fill below 1% of the piece's wire time")
              .description("piece a large collective is pipelined in")
              .build(),
          Parameter.builder("optimized_trees", ParamType.INTEGER)
              .defaultValue("10")
              .range("1", "10")
              .source(
                  "text (Kumar and Faraj, EuroMPI 2013 abstract: 10 torus trees, one per link"
                      + " direction)")
              .description("edge-disjoint spanning trees of the optimized allreduce")
              .build(),
          Parameter.builder("comm_threads", ParamType.INTEGER)
              .defaultValue("3")
              .range("1", "64")
              .source(
                  "estimate: Kumar and Faraj combine on communication threads (abstract); their"
                      + " number is not published. Each combines and forwards at reduce_bandwidth"
                      + " and shm_bandwidth; 3 meets the published 6.3 GB/s (calibration)")
              .description(
                  "threads per node that combine and forward the optimized allreduce's trees")
              .build());

  /** Validates the values. */
  public PamiParams {
    if (ranksPerNode < 1 || ranksPerNode > 64 || contextsPerRank < 1) {
      throw new IllegalArgumentException("ranks per node must be 1-64, contexts at least 1");
    }
    if (immediateLimitBytes > shortLimitBytes || shortLimitBytes > eagerLimitBytes) {
      throw new IllegalArgumentException(
          "pami cut-offs must grow: immediate_limit "
              + immediateLimitBytes
              + " B <= short_limit "
              + shortLimitBytes
              + " B <= eager_limit "
              + eagerLimitBytes
              + " B");
    }
    if (shortLimitBytes + envelopeBytes > packetPayloadBytes) {
      throw new IllegalArgumentException(
          "pami.short_limit "
              + shortLimitBytes
              + " B + envelope "
              + envelopeBytes
              + " B must fit one packet's "
              + packetPayloadBytes
              + " B payload (torus.max_payload)");
    }
  }

  /** Returns the defaults. */
  public static PamiParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values, on the torus's default packet format. */
  public static PamiParams from(ParamValues v) {
    return from(v, TorusParams.defaults().format());
  }

  /** Builds the parameters from validated values, on the torus of {@code torus}'s values. */
  public static PamiParams from(ParamValues v, ParamValues torus) {
    return from(v, TorusParams.from(torus).format());
  }

  private static PamiParams from(ParamValues v, PacketFormat format) {
    return new PamiParams(
        (int) v.integer("ranks_per_node"),
        (int) v.integer("contexts_per_rank"),
        v.size("immediate_limit").bytes(),
        v.size("short_limit").bytes(),
        v.size("eager_limit").bytes(),
        v.size("envelope").bytes(),
        v.size("rts_size").bytes(),
        v.time("send_call"),
        v.time("send_state"),
        v.time("rendezvous_state"),
        v.time("inject"),
        v.time("send_complete"),
        v.time("poll"),
        v.time("packet"),
        v.time("match"),
        v.time("unexpected"),
        v.time("recv_state"),
        v.time("get_post"),
        v.time("recv_complete"),
        v.bandwidth("copy_bandwidth"),
        v.time("shm_latency"),
        v.bandwidth("shm_bandwidth"),
        v.time("collective_overhead"),
        v.bandwidth("reduce_bandwidth"),
        v.time("collective_completion"),
        v.size("collective_chunk").bytes(),
        (int) v.integer("optimized_trees"),
        (int) v.integer("comm_threads"),
        format.maxPayloadBytes());
  }

  /** Returns a copy with another number of ranks per node. */
  public PamiParams withRanksPerNode(int r) {
    return new PamiParams(
        r,
        contextsPerRank,
        immediateLimitBytes,
        shortLimitBytes,
        eagerLimitBytes,
        envelopeBytes,
        rtsBytes,
        sendCallPs,
        sendStatePs,
        rendezvousStatePs,
        injectPs,
        sendCompletePs,
        pollPs,
        packetPs,
        matchPs,
        unexpectedPs,
        recvStatePs,
        getPostPs,
        recvCompletePs,
        copyBandwidth,
        shmLatencyPs,
        shmBandwidth,
        collectiveOverheadPs,
        reduceBandwidth,
        collectiveCompletionPs,
        collectiveChunkBytes,
        optimizedTrees,
        commThreads,
        packetPayloadBytes);
  }

  /** Returns PAMI contexts per node. */
  public int contextsPerNode() {
    return ranksPerNode * contextsPerRank;
  }

  /** Returns the protocol of a message of {@code bytes} between ranks of different nodes. */
  public Protocol protocol(long bytes) {
    if (bytes <= immediateLimitBytes) {
      return Protocol.IMMEDIATE;
    }
    if (bytes <= shortLimitBytes) {
      return Protocol.SINGLE_PACKET;
    }
    return bytes <= eagerLimitBytes ? Protocol.EAGER : Protocol.RENDEZVOUS;
  }

  /** Returns whether a message of {@code bytes} goes eagerly (immediate, single-packet, eager). */
  public boolean eager(long bytes) {
    return bytes <= eagerLimitBytes;
  }

  /** Returns the torus packets of an eager message of {@code bytes} (envelope included). */
  public long eagerPackets(long bytes) {
    return Math.max(1, (bytes + envelopeBytes + packetPayloadBytes - 1) / packetPayloadBytes);
  }

  /** Returns the sender's software before an eager message's descriptor is in the FIFO. */
  public long eagerSendPs(long bytes) {
    return sendCallPs + (protocol(bytes) == Protocol.IMMEDIATE ? 0 : sendStatePs) + injectPs;
  }

  /**
   * Returns the receiver's software for an eager message whose receive is posted: poll and match,
   * the receive state and further packets of a multi-packet message, the copy, the completion.
   */
  public long eagerReceivePs(long bytes) {
    long packets = eagerPackets(bytes);
    long multi = packets > 1 ? recvStatePs + (packets - 1) * packetPs : 0;
    return pollPs + matchPs + multi + copyBandwidth.transferTime(bytes) + recvCompletePs;
  }

  /** Returns the receiver's extra software when an eager message arrived before its receive. */
  public long unexpectedExtraPs(long bytes) {
    return unexpectedPs + copyBandwidth.transferTime(bytes);
  }

  /**
   * Returns the total software of one message on its sender (first) and receiver (second) when the
   * receive is posted, for models that add it up rather than simulate each message.
   */
  public long[] softwarePs(long bytes) {
    if (eager(bytes)) {
      long complete = protocol(bytes) == Protocol.IMMEDIATE ? 0 : sendCompletePs;
      return new long[] {eagerSendPs(bytes) + complete, eagerReceivePs(bytes)};
    }
    long sender = sendCallPs + rendezvousStatePs + injectPs + pollPs + sendCompletePs;
    long receiver = pollPs + matchPs + getPostPs + injectPs + pollPs + injectPs + recvCompletePs;
    return new long[] {sender, receiver};
  }

  /** Returns the cost of one shared-memory message of {@code bytes}. */
  public long shmCost(long bytes) {
    return shmLatencyPs + shmBandwidth.transferTime(bytes);
  }
}
