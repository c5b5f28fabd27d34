package org.fusedsim.net.roq;

import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * Costs of Linux TCP/IP over the roq0 Ethernet front end, on the CPU that runs the stack (a GPC of
 * a FusedOS compute node, a core of an IO node).
 *
 * @param perPacketPs CPU time per TCP segment, each side
 * @param perBytePs CPU time per payload byte (one copy; checksums are offloaded), each side
 * @param windowBytes bytes a connection may have sent and not yet had consumed by the receiver
 */
public record TcpParams(long perPacketPs, long perBytePs, long windowBytes) {
  /** The component kind. */
  public static final String KIND = "tcp";

  /** TCP, IPv4 and Ethernet headers per segment (20 + 20 + 14 bytes, no options). */
  public static final int HEADER_BYTES = 54;

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "roq-net",
          "Linux TCP/IP over RoQ's Ethernet front end: per-packet and per-byte CPU costs, window",
          Parameter.builder("per_packet_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("3us")
              .range("0ns", "1ms")
              .source(
                  "estimate: the Linux TCP/IP send or receive path plus the roq0 driver is a few"
                      + " thousand instructions per segment; ~4,800 cycles at 1.6 GHz on an"
                      + " in-order A2 thread")
              .description("CPU time per segment on each side")
              .build(),
          Parameter.builder("per_byte_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("625ps")
              .range("0ps", "100ns")
              .source(
                  "estimate: one copy between user and socket buffers at about one byte per"
                      + " cycle on one A2 thread (1.6 GB/s); checksums offloaded (code, roq_eth.c)")
              .description("CPU time per payload byte on each side")
              .build(),
          Parameter.builder("window", ParamType.SIZE)
              .unit("B")
              .defaultValue("1MiB")
              .range("1KiB", "1GiB")
              .source(
                  "estimate: a Linux autotuned window on a low-latency link; the torus"
                      + " bandwidth-delay product is only a few KiB, so it rarely limits")
              .description("unconsumed bytes a connection may have outstanding")
              .build());

  /** Returns the defaults. */
  public static TcpParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static TcpParams from(ParamValues v) {
    return new TcpParams(
        v.time("per_packet_cost"), v.time("per_byte_cost"), v.size("window").bytes());
  }

  /** Returns the segments a message of {@code bytes} takes with MTU {@code mtu} (at least one). */
  public static long segments(long bytes, int mtu) {
    long mss = mtu - 40L;
    return Math.max(1, (bytes + mss - 1) / mss);
  }

  /** Returns the CPU time one side spends on a message of {@code bytes} with MTU {@code mtu}. */
  public long messageCost(long bytes, int mtu) {
    return segments(bytes, mtu) * perPacketPs + bytes * perBytePs;
  }
}
