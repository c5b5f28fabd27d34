package org.fusedsim.bgq.torus;

import java.util.Locale;
import org.fusedsim.core.Bandwidth;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * The parameters of the 5D torus: shape, link rate, per-hop latency, buffers, routing and the level
 * of detail.
 *
 * @param shape the partition shape, with its mesh dimensions applied
 * @param hopLatencyPs the zero-load latency of one hop (router plus wire), picoseconds
 * @param linkBandwidth raw rate of one link in one direction
 * @param linkBufferBytes receive buffer of a link's deterministic (bubble escape) virtual channel
 *     at the downstream router, bytes
 * @param dynamicBufferBytes receive buffer of a link's dynamic virtual channel, bytes
 * @param creditLatencyPs time for a freed buffer credit to reach the upstream router
 * @param routing deterministic dimension order or dynamic
 * @param tieBreak the direction taken when both ways round are equally short
 * @param fidelity packet or flow level
 * @param format the packet wire format
 */
public record TorusParams(
    TorusShape shape,
    long hopLatencyPs,
    Bandwidth linkBandwidth,
    int linkBufferBytes,
    int dynamicBufferBytes,
    long creditLatencyPs,
    Routing routing,
    TieBreak tieBreak,
    Fidelity fidelity,
    PacketFormat format) {

  /** The component kind of the torus in scenario files. */
  public static final String KIND = "torus";

  /** The declared parameters of the torus. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "bgq-hardware",
          "5D torus network: shape, links, routing, buffers and level of detail",
          Parameter.builder("shape", ParamType.TEXT)
              .unit("AxBxCxDxE")
              .defaultValue("midplane")
              .source("code (Shape.h: midplane 4x4x4x4x2); presets from bgq-facts.md")
              .description(
                  "partition shape AxBxCxDxE (E <= 2) or nodeboard, midplane, rack, mira,"
                      + " sequoia")
              .build(),
          Parameter.builder("mesh", ParamType.TEXT)
              .unit("dimensions")
              .defaultValue("none")
              .source("code (Shape.h: sub-blocks have no wrap-around in cut dimensions)")
              .description("letters of the dimensions without wrap-around, e.g. AB, or none")
              .build(),
          Parameter.builder("hop_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("40ns")
              .range("0ns", "1us")
              .source("secondary (Chen et al. SC11, quoted in bgq-facts.md)")
              .description("zero-load latency of one hop: router pipeline and wire")
              .build(),
          Parameter.builder("link_bandwidth", ParamType.BANDWIDTH)
              .unit("GB/s")
              .defaultValue("2GB/s")
              .range("1MB/s", "1000GB/s")
              .source("text (IBM Redbook SG24-7872: 2 GB/s raw per direction per link)")
              .description("raw rate of one torus link in one direction, headers included")
              .build(),
          Parameter.builder("link_buffer", ParamType.SIZE)
              .unit("B")
              .defaultValue("4KiB")
              .range("1104B", "1MiB")
              .source(
                  "estimate: router buffer sizes are not in bgq-facts.md; a ring-entering"
                      + " packet needs two 552 B packets free (bubble rule), plus one packet of"
                      + " each of two interleaved flows and the 80 ns credit loop at 2 GB/s"
                      + " (~2.3 KiB), rounded up to a power of two. With 2 KiB, two flows sharing"
                      + " a link lose ~7% to credit stalls")
              .description(
                  "receive buffer of one link's deterministic virtual channel (the bubble escape"
                      + " channel of dynamic routing) at the downstream router")
              .build(),
          Parameter.builder("dynamic_buffer", ParamType.SIZE)
              .unit("B")
              .defaultValue("4KiB")
              .range("552B", "1MiB")
              .source(
                  "estimate: VC buffer sizes are not published; the same as the deterministic"
                      + " VC's, which carries two interleaved flows through the credit loop."
                      + " The VCs themselves: code (MU_PacketCommon.h: dynamic, deterministic,"
                      + " high-priority, system and collective VCs)")
              .description(
                  "receive buffer of one link's dynamic virtual channel (used only by dynamic"
                      + " routing)")
              .build(),
          Parameter.builder("credit_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("40ns")
              .range("0ns", "1us")
              .source("estimate: a credit crosses the same link back, so one hop latency")
              .description("delay before a freed buffer slot can be used upstream")
              .build(),
          Parameter.builder("routing", ParamType.CHOICE)
              .defaultValue("deterministic")
              .choices("deterministic", "dynamic")
              .source("text (Chen et al. SC11 abstract: deterministic and dynamic routing)")
              .description(
                  "dimension-order routing on the deterministic VC, or adaptive minimal routing"
                      + " on the dynamic VC with the deterministic VC as bubble escape")
              .build(),
          Parameter.builder("tie_break", ParamType.CHOICE)
              .defaultValue("plus")
              .choices("plus", "source_parity")
              .source(
                  "estimate: the hardware's choice for equidistant destinations is set by"
                      + " software hint bits, not documented in bgq-facts.md")
              .description("direction taken when both ways round a torus dimension are equal")
              .build(),
          Parameter.builder("fidelity", ParamType.CHOICE)
              .defaultValue("auto")
              .choices("packet", "flow", "auto")
              .source("design choice (issue 3: packet level up to a rack, flow level above)")
              .description("packet-level or flow-level network model; auto picks by size")
              .build(),
          Parameter.builder("packet_header", ParamType.SIZE)
              .unit("B")
              .defaultValue("32B")
              .range("0B", "256B")
              .source("secondary (Chen et al. SC11: 12 B network + 20 B MU header)")
              .description("header bytes of every packet")
              .build(),
          Parameter.builder("packet_trailer", ParamType.SIZE)
              .unit("B")
              .defaultValue("8B")
              .range("0B", "256B")
              .source("secondary (Chen et al. SC11)")
              .description("trailer bytes of every packet")
              .build(),
          Parameter.builder("max_payload", ParamType.SIZE)
              .unit("B")
              .defaultValue("512B")
              .range("32B", "4KiB")
              .source("secondary (Chen et al. SC11)")
              .description("largest payload of one packet")
              .build(),
          Parameter.builder("payload_chunk", ParamType.SIZE)
              .unit("B")
              .defaultValue("32B")
              .range("1B", "512B")
              .source("secondary (Chen et al. SC11)")
              .description("payload is carried in whole chunks of this size")
              .build());

  /** Validates cross-parameter rules. */
  public TorusParams {
    if (linkBufferBytes < 2 * format.maxPacketWireBytes()) {
      throw new IllegalArgumentException(
          "link_buffer "
              + linkBufferBytes
              + " B is below two maximum packets ("
              + 2 * format.maxPacketWireBytes()
              + " B), needed for bubble flow control");
    }
    if (dynamicBufferBytes < format.maxPacketWireBytes()) {
      throw new IllegalArgumentException(
          "dynamic_buffer "
              + dynamicBufferBytes
              + " B is below one maximum packet ("
              + format.maxPacketWireBytes()
              + " B)");
    }
  }

  /** Returns the defaults (a midplane). */
  public static TorusParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static TorusParams from(ParamValues v) {
    TorusShape shape = TorusShape.parse(v.text("shape")).withMesh(v.text("mesh"));
    PacketFormat f =
        new PacketFormat(
            (int) v.size("packet_header").bytes(),
            (int) v.size("packet_trailer").bytes(),
            (int) v.size("max_payload").bytes(),
            (int) v.size("payload_chunk").bytes());
    return new TorusParams(
        shape,
        v.time("hop_latency"),
        v.bandwidth("link_bandwidth"),
        (int) v.size("link_buffer").bytes(),
        (int) v.size("dynamic_buffer").bytes(),
        v.time("credit_latency"),
        Routing.valueOf(v.text("routing").toUpperCase(Locale.ROOT)),
        TieBreak.valueOf(v.text("tie_break").toUpperCase(Locale.ROOT)),
        Fidelity.valueOf(v.text("fidelity").toUpperCase(Locale.ROOT)),
        f);
  }

  /** Returns a copy on another shape. */
  public TorusParams withShape(TorusShape s) {
    return new TorusParams(
        s,
        hopLatencyPs,
        linkBandwidth,
        linkBufferBytes,
        dynamicBufferBytes,
        creditLatencyPs,
        routing,
        tieBreak,
        fidelity,
        format);
  }

  /** Returns a copy with another level of detail. */
  public TorusParams withFidelity(Fidelity f) {
    return new TorusParams(
        shape,
        hopLatencyPs,
        linkBandwidth,
        linkBufferBytes,
        dynamicBufferBytes,
        creditLatencyPs,
        routing,
        tieBreak,
        f,
        format);
  }

  /** Returns a copy with other routing options. */
  public TorusParams withRouting(Routing r, TieBreak t) {
    return new TorusParams(
        shape,
        hopLatencyPs,
        linkBandwidth,
        linkBufferBytes,
        dynamicBufferBytes,
        creditLatencyPs,
        r,
        t,
        fidelity,
        format);
  }

  /**
   * Returns the closed-form latency of one message alone on the network: the head crosses {@code
   * hops} routers at the hop latency, and the packets follow back to back at the link rate (virtual
   * cut-through: a router forwards a packet as soon as its head arrives).
   */
  public long closedFormLatency(long payloadBytes, int hops) {
    return hops * hopLatencyPs + linkBandwidth.transferTime(format.wireBytes(payloadBytes));
  }
}
