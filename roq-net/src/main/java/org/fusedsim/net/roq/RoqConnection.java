package org.fusedsim.net.roq;

import java.util.ArrayDeque;
import java.util.BitSet;
import org.fusedsim.net.NetThread;
import org.fusedsim.net.fifo.RoqParams;

/**
 * One direction of a TCP connection over RoQ. Sending a message costs the sending thread {@link
 * TcpParams#messageCost} (the TCP/IP send path runs in the caller's system call); its byte stream
 * of segments with their headers is cut into bursts of {@code roq.burst_size}. Each burst costs the
 * sending node's RoQ microcode a poll and a descriptor, crosses the Messaging Units, torus and IO
 * link, costs the receiving microcode a poll and a descriptor, and is acked by a 0-byte burst whose
 * handling costs the sender's microcode one descriptor. At most {@code roq.max_in_flight} bursts
 * are unacked; the TCP window bounds the bytes not yet consumed by the receiver. The receiver
 * delivers messages in order (bursts may overtake each other on the flow-level torus), each after
 * its {@link TcpParams#messageCost} of receive processing in interrupt context on the receiving
 * node.
 *
 * <p>TCP's own acks are not modelled (delayed acks ride on replies), nor loss and retransmission
 * (RoQ is reliable).
 */
public final class RoqConnection {
  private record Burst(int seq, long payload) {}

  private record Message(int lastSeq, long bytes, long wireBytes, Runnable delivered) {}

  private final RoqFabric f;
  private final int from;
  private final int to;
  private final ArrayDeque<Burst> waiting = new ArrayDeque<>();
  private final ArrayDeque<Message> undelivered = new ArrayDeque<>();
  private final BitSet arrived = new BitSet();
  private int nextSeq;
  private int inOrder;
  private int inFlight;
  private long unconsumed;
  private long bursts;
  private int maxInFlightSeen;

  RoqConnection(RoqFabric fabric, int from, int to) {
    this.f = fabric;
    this.from = from;
    this.to = to;
  }

  /** Returns the CPU time the sending thread spends on a message of {@code bytes}. */
  public long sendCost(long bytes) {
    return f.tcp().messageCost(bytes, f.roq().mtu());
  }

  /**
   * Sends {@code bytes} of TCP payload from thread {@code sender} (which computes {@link #sendCost}
   * first, then goes on); {@code delivered} runs once the receiver has processed it.
   */
  public void send(long bytes, NetThread sender, Runnable delivered) {
    sender.compute(sendCost(bytes), () -> post(bytes, delivered));
  }

  /**
   * Hands {@code bytes} of TCP payload to RoQ, the sending thread's {@link #sendCost} already
   * spent; {@code delivered} runs once the receiver has processed it.
   */
  public void post(long bytes, Runnable delivered) {
    RoqParams r = f.roq();
    long wire = bytes + TcpParams.segments(bytes, r.mtu()) * TcpParams.HEADER_BYTES;
    for (long left = wire; left > 0; left -= r.burstBytes()) {
      waiting.add(new Burst(nextSeq++, Math.min(left, r.burstBytes())));
    }
    undelivered.add(new Message(nextSeq - 1, bytes, wire, delivered));
    pump();
  }

  private void pump() {
    RoqParams r = f.roq();
    long window = f.tcp().windowBytes();
    while (!waiting.isEmpty() && inFlight < r.maxInFlight()) {
      Burst b = waiting.peek();
      if (unconsumed > 0 && unconsumed + b.payload() > window) {
        return;
      }
      waiting.poll();
      postBurst(b);
    }
  }

  private void postBurst(Burst b) {
    RoqParams r = f.roq();
    inFlight++;
    maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
    unconsumed += b.payload();
    bursts++;
    long pickUp = r.pollPs() + r.descriptorPs();
    RoqBackend src = f.endpoint(from).backend();
    src.serve(
        pickUp,
        () ->
            f.move(
                from,
                to,
                b.payload(),
                () ->
                    f.endpoint(to)
                        .backend()
                        .serve(
                            pickUp,
                            () -> {
                              arrived(b.seq());
                              f.move(to, from, 0, () -> src.serve(r.descriptorPs(), this::acked));
                            })));
  }

  private void acked() {
    inFlight--;
    pump();
  }

  private void arrived(int seq) {
    arrived.set(seq);
    while (arrived.get(inOrder)) {
      inOrder++;
    }
    while (!undelivered.isEmpty() && undelivered.peek().lastSeq() < inOrder) {
      Message m = undelivered.poll();
      f.endpoint(to)
          .node()
          .softirq(
              f.tcp().messageCost(m.bytes(), f.roq().mtu()),
              () -> {
                unconsumed -= m.wireBytes();
                m.delivered().run();
                pump();
              });
    }
  }

  /** Returns the bursts posted so far. */
  public long bursts() {
    return bursts;
  }

  /** Returns the most bursts that were unacked at once. */
  public int maxInFlightSeen() {
    return maxInFlightSeen;
  }
}
