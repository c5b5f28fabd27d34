package org.fusedsim.net.fifo;

import java.util.Locale;
import org.fusedsim.core.param.ComponentSpec;
import org.fusedsim.core.param.ParamType;
import org.fusedsim.core.param.ParamValues;
import org.fusedsim.core.param.Parameter;

/**
 * RoQ's settings: where its FIFOs sit, and the costs of its transport (the microcode back end on
 * core 16 and the Ethernet front end), used by {@code org.fusedsim.net.roq}.
 *
 * @param layout the FIFO layout
 * @param burstBytes payload of one burst (one MU descriptor)
 * @param maxInFlight bursts in flight per connection before the sender waits for an ack
 * @param descriptorPs back-end time per descriptor (burst or ack) on core 16
 * @param pollPs back-end time to notice new work (one pass of its polling loop)
 * @param mtu Ethernet front end MTU (bytes of IP packet per frame)
 * @param allowConflicts whether a layout that collides with PAMI boots with shared FIFOs (and
 *     misdelivered packets are counted) instead of being rejected
 */
public record RoqParams(
    FifoLayout layout,
    long burstBytes,
    int maxInFlight,
    long descriptorPs,
    long pollPs,
    int mtu,
    boolean allowConflicts) {
  /** The component kind. */
  public static final String KIND = "roq";

  /** The declared parameters. */
  public static final ComponentSpec SPEC =
      ComponentSpec.of(
          KIND,
          "roq-net",
          "RDMA over the torus (RoQ): Messaging Unit FIFO layout, back end on core 16, roq0 MTU.",
          Parameter.builder("fifo_layout", ParamType.CHOICE)
              .defaultValue("fusedos")
              .choices("original", "fusedos")
              .source(
                  "code (fusedos roq_init.c, bgq_hw_us_abstraction.c: RoQ in subgroups 58-63);"
                      + " 'original' is a reconstruction that overlaps PAMI's subgroups 64-65")
              .description(
                  "fusedos: RoQ in subgroups 58-63 (released prototype); original: RoQ on FIFOs"
                      + " PAMI also claims, rejected at boot")
              .build(),
          Parameter.builder("burst_size", ParamType.SIZE)
              .unit("B")
              .defaultValue("64KiB")
              .range("512B", "16MiB")
              .source("code (roq_fw.h: 64 KiB bursts, one MU descriptor each)")
              .description("payload of one RoQ burst")
              .build(),
          Parameter.builder("max_in_flight", ParamType.INTEGER)
              .unit("bursts")
              .defaultValue("128")
              .range("1", "4096")
              .source("code (roq_fw.h: at most 128 bursts and 128 acks in flight per connection)")
              .description("unacknowledged bursts per connection")
              .build(),
          Parameter.builder("descriptor_cost", ParamType.TIME)
              .unit("ns")
              .defaultValue("250ns")
              .range("0ns", "100us")
              .source(
                  "estimate: ~400 instructions per descriptor in the microcode loop (build or"
                      + " parse the MU descriptor, update the connection, ring the FIFO) at about"
                      + " one instruction per cycle on one A2 thread (1.6 GHz)")
              .description("core-16 time per burst sent, burst received or ack handled")
              .build(),
          Parameter.builder("poll_interval", ParamType.TIME)
              .unit("ns")
              .defaultValue("100ns")
              .range("0ns", "100us")
              .source(
                  "estimate: one pass of the polling loop over the connection queues and"
                      + " reception FIFOs, ~160 cycles; charged once per piece of new work")
              .description("back-end delay to notice new work")
              .build(),
          Parameter.builder("mtu", ParamType.INTEGER)
              .unit("B")
              .defaultValue("64996")
              .range("576", "65535")
              .source("code (roq/linux/roq_eth.c: roq0 MTU 64,996)")
              .description("MTU of the RoQ Ethernet front end (roq0)")
              .build(),
          Parameter.builder("allow_conflicts", ParamType.BOOLEAN)
              .defaultValue("false")
              .source(
                  "experiment design; set by `fusedsim run --allow-conflicts`. What a collision"
                      + " does is an estimate (roq-net README, 'Shared FIFOs')")
              .description(
                  "boot a layout whose FIFOs collide with PAMI's, sharing them, and count"
                      + " misdelivered packets, instead of rejecting it")
              .build());

  /** Returns the defaults. */
  public static RoqParams defaults() {
    return from(ParamValues.builder(SPEC).build());
  }

  /** Builds the parameters from validated values. */
  public static RoqParams from(ParamValues v) {
    return new RoqParams(
        FifoLayout.valueOf(v.text("fifo_layout").toUpperCase(Locale.ROOT)),
        v.size("burst_size").bytes(),
        Math.toIntExact(v.integer("max_in_flight")),
        v.time("descriptor_cost"),
        v.time("poll_interval"),
        Math.toIntExact(v.integer("mtu")),
        v.bool("allow_conflicts"));
  }
}
