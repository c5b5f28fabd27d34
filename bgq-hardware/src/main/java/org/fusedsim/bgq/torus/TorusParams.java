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
 * @param routerLatencyPs a packet head's way through one router's pipeline, picoseconds
 * @param serdesLatencyPs serializer at one end of a link and deserializer at the other
 * @param wireLatencyPs flight over the board and midplane wiring of one link
 * @param cableLatencyPs what a link between midplanes adds: optical modules at both ends and the
 *     fibre
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
    long routerLatencyPs,
    long serdesLatencyPs,
    long wireLatencyPs,
    long cableLatencyPs,
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
          Parameter.builder("router_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("20ns")
              .range("0ns", "1us")
              .source(
                  "estimate: the split of the 40 ns hop of Chen et al. SC11 (bgq-facts.md) is not"
                      + " published; 16 cycles of the 800 MHz network logic (the MU's clock, BGPM"
                      + " documentation) for input, route, arbitration and crossbar")
              .description("a packet head's way through one router's pipeline")
              .build(),
          Parameter.builder("serdes_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("16ns")
              .range("0ns", "1us")
              .source(
                  "estimate: the rest of the 40 ns hop (Chen et al. SC11) less the wire;"
                      + " serializing and deserializing a 4-bit-wide link's symbols, a few"
                      + " cycles at each end")
              .description("serializer at one end of a link and deserializer at the other")
              .build(),
          Parameter.builder("wire_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("4ns")
              .range("0ns", "1us")
              .source(
                  "estimate: about 60 cm of board and midplane trace at ~6.7 ns/m between"
                      + " neighbouring compute cards")
              .description("flight over the board and midplane wiring of one link")
              .build(),
          Parameter.builder("cable_latency", ParamType.TIME)
              .unit("ns")
              .defaultValue("63ns")
              .range("0ns", "10us")
              .source(
                  "text (High Performance Parallel I/O, ch. 4.1.2: 80 ns neighbour, 1.5 us across"
                      + " Mira in 27 hops, bgq-facts.md) + arithmetic: 6 of the 27 hops cross"
                      + " midplanes, (1,500 - 80 - 26 x 40) / 6 = 63 ns; about 10 m of fibre at 5"
                      + " ns/m and two optical modules (calibration)")
              .description(
                  "what a hop between midplanes adds over the optical cable (modules and fibre)")
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
              .choices("plus", "source_parity", "split")
              .source(
                  "estimate: the hardware's choice for equidistant destinations is set by"
                      + " software hint bits, not documented in bgq-facts.md; plus keeps a"
                      + " deterministic message on one path (in order, as RoQ needs), split (half"
                      + " each way) is what the published all-to-all share needs")
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
        v.time("router_latency"),
        v.time("serdes_latency"),
        v.time("wire_latency"),
        v.time("cable_latency"),
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
        routerLatencyPs,
        serdesLatencyPs,
        wireLatencyPs,
        cableLatencyPs,
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
        routerLatencyPs,
        serdesLatencyPs,
        wireLatencyPs,
        cableLatencyPs,
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
        routerLatencyPs,
        serdesLatencyPs,
        wireLatencyPs,
        cableLatencyPs,
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
   * Returns the zero-load latency of one hop over board and midplane wiring: router pipeline,
   * SerDes and wire (40 ns by default, the per-hop figure of Chen et al. SC11).
   */
  public long hopLatencyPs() {
    return routerLatencyPs + serdesLatencyPs + wireLatencyPs;
  }

  /**
   * Returns the closed-form latency of one message alone on the network: the head crosses {@code
   * hops} routers at the hop latency, and the packets follow back to back at the link rate (virtual
   * cut-through: a router forwards a packet as soon as its head arrives).
   */
  public long closedFormLatency(long payloadBytes, int hops) {
    return closedFormLatency(payloadBytes, hops, 0);
  }

  /**
   * Returns {@link #closedFormLatency(long, int)} when {@code cableHops} of the hops are cables.
   */
  public long closedFormLatency(long payloadBytes, int hops, int cableHops) {
    return hops * hopLatencyPs()
        + cableHops * cableLatencyPs
        + linkBandwidth.transferTime(format.wireBytes(payloadBytes));
  }
}
