package org.fusedsim.net.ninep;

import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The 9P file service and the IO node's file system.
 *
 * @param msize the 9P message size negotiated at mount (largest request or reply)
 * @param clientRequestPs v9fs/net-9p CPU time per request on the client (marshal, tag, wake-up)
 * @param diodThreads diod worker threads per IO node
 * @param diodRequestPs diod CPU time per request (unmarshal, system call, reply)
 * @param fsBandwidth the IO node's external file system bandwidth, shared by its clients
 * @param fsLatencyPs the external file system's latency per operation
 * @param sysiodRequestPs sysiod CPU time per shipped call on the IO node (CNK)
 * @param cnkShipPs CNK's time to marshal a call into its 512 B request and post it
 */
public record NinePParams(
    long msize,
    long clientRequestPs,
    int diodThreads,
    long diodRequestPs,
    Bandwidth fsBandwidth,
    long fsLatencyPs,
    long sysiodRequestPs,
    long cnkShipPs) {
  /** The component kind. */
  public static final String KIND = "ninep";

  /** Bytes of a Twrite/Tread header (size 4, type 1, tag 2, fid 4, offset 8, count 4). */
  public static final int IO_HEADER = 24;

  /** Bytes of a small 9P request or reply (walk, lopen, getattr, clunk and their replies). */
  public static final int SMALL_MESSAGE = 64;

  /**
   * Bytes of the header that starts every CIOS message: service, version, type, rank, sequence id,
   * return and error codes, length, job id (code: bgcios::MessageHeader, {@code
   * ramdisk/include/services/MessageHeader.h} in ibm-research/fusedos).
   */
  public static final int CIOS_HEADER = 32;

  /**
   * Bytes of a CNK function-shipping request or reply: a CIOS immediate message, the 32 B header
   * and the call's arguments in one torus packet (code: bgcios::ImmediateMessageSize = 512, same
   * file; CNK's {@code sysioFS.cc}). A call's data never rides in it: sysiod moves it by RDMA.
   */
  public static final int SHIP_MESSAGE = 512;

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "roq-net",
          "9P file service through the IO node (v9fs client, diod), CNK sysiod, external FS",
          Parameter.builder("msize", ParamType.SIZE)
              .unit("B")
              .defaultValue("64KiB")
              .range("4KiB", "16MiB")
              .source(
                  "estimate: a common v9fs mount option with diod; each write moves at most"
                      + " msize - 24 bytes per request (code, Linux net/9p: P9_IOHDRSZ)")
              .description("9P msize negotiated at mount")
              .build(),
          Parameter.builder("client_request_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("2us")
              .range("0ns", "1ms")
              .source(
                  "estimate: v9fs and net/9p per request (allocate a tag, marshal, queue to the"
                      + " transport, sleep, wake on the reply, unmarshal), ~3,200 cycles")
              .description("client CPU per 9P request")
              .build(),
          Parameter.builder("diod_threads", ParamType.INTEGER)
              .unit("threads")
              .defaultValue("16")
              .range("1", "1024")
              .source(
                  "code (diod, diod_conf.h: DFLT_NWTHREADS 16, the default of diod -n); a"
                      + " request that finds every worker busy waits in arrival order")
              .description("diod worker threads per IO node")
              .build(),
          Parameter.builder("diod_request_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("5us")
              .range("0ns", "10ms")
              .source(
                  "estimate: diod unmarshals, looks up the fid, makes one system call into the"
                      + " IO node's file system client and marshals the reply, ~8,000 cycles")
              .description("diod CPU per request, holding a worker")
              .build(),
          Parameter.builder("fs_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("625MB/s")
              .range("1MB/s", "1000GB/s")
              .source(
                  "text + arithmetic (ALCF: Mira's IOR 240 GB/s over 384 IO nodes = 0.625 GB/s"
                      + " per IO node, bgq-facts.md); sets the parameter, so docs/validation.md"
                      + " holds it as a consistency row, not a validation")
              .description("external file system bandwidth of one IO node")
              .build(),
          Parameter.builder("fs_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("50us")
              .range("0ns", "100ms")
              .source(
                  "estimate: one NFS round trip on a data-centre Ethernet (tens of us); writes"
                      + " are acknowledged from the server's cache")
              .description("external file system latency per operation")
              .build(),
          Parameter.builder("sysiod_request_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("5us")
              .range("0ns", "10ms")
              .source(
                  "estimate: like diod_request_cost: decode the 512 B message, one system call,"
                      + " reply")
              .description("sysiod CPU per shipped call (CNK)")
              .build(),
          Parameter.builder("cnk_ship_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("1us")
              .range("0ns", "1ms")
              .source(
                  "estimate: CNK marshals the call into a 512 B message, takes the node-wide"
                      + " lock and posts one MU descriptor, ~1,600 cycles")
              .description("CNK time per shipped call on the compute node")
              .build());

  /** Returns the defaults. */
  public static NinePParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static NinePParams from(ParamValues v) {
    return new NinePParams(
        v.size("msize").bytes(),
        v.time("client_request_cost"),
        Math.toIntExact(v.integer("diod_threads")),
        v.time("diod_request_cost"),
        v.bandwidth("fs_bandwidth"),
        v.time("fs_latency"),
        v.time("sysiod_request_cost"),
        v.time("cnk_ship_cost"));
  }

  /** Returns a copy with another msize. */
  public NinePParams withMsize(long m) {
    return new NinePParams(
        m,
        clientRequestPs,
        diodThreads,
        diodRequestPs,
        fsBandwidth,
        fsLatencyPs,
        sysiodRequestPs,
        cnkShipPs);
  }

  /** Returns the data bytes one Twrite or Tread carries: {@code msize - 24}. */
  public long iounit() {
    return msize - IO_HEADER;
  }

  /** Returns the 9P requests a write of {@code bytes} takes: {@code ceil(bytes / iounit)}. */
  public long writeRequests(long bytes) {
    return Math.max(1, (bytes + iounit() - 1) / iounit());
  }
}
