package org.fusedsim.net.roq;

import java.util.ArrayDeque;
import java.util.BitSet;
import org.fusedsim.net.fifo.RoqParams;

/**
 * One direction of a TCP connection over RoQ. A message (a {@code send} call) costs the sender's
 * stack {@link TcpParams#messageCost}, becomes a byte stream of segments with their headers, and is
 * cut into bursts of {@code roq.burst_size}. Each burst costs the sending back end a poll and a
 * descriptor, crosses torus and IO link, costs the receiving back end a poll and a descriptor, and
 * is acked by a 0-byte message whose handling costs the sender's back end one descriptor. At most
 * {@code roq.max_in_flight} bursts are unacked; the TCP window bounds the bytes not yet consumed by
 * the receiving stack. The receiver delivers messages in order (bursts may overtake each other on
 * the flow-level torus), each after its {@link TcpParams#messageCost} on the receiving stack.
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
  private final Server fromStack;
  private final Server toStack;
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
    this.fromStack = fabric.stackFor(from);
    this.toStack = fabric.stackFor(to);
  }

  /**
   * Sends {@code bytes} of TCP payload; {@code delivered} runs once the receiver has consumed it.
   */
  public void send(long bytes, Runnable delivered) {
    RoqParams r = f.roq();
    TcpParams t = f.tcp();
    fromStack.serve(
        t.messageCost(bytes, r.mtu()),
        () -> {
          long wire = bytes + TcpParams.segments(bytes, r.mtu()) * TcpParams.HEADER_BYTES;
          for (long left = wire; left > 0; left -= r.burstBytes()) {
            waiting.add(new Burst(nextSeq++, Math.min(left, r.burstBytes())));
          }
          undelivered.add(new Message(nextSeq - 1, bytes, wire, delivered));
          pump();
        });
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
      post(b);
    }
  }

  private void post(Burst b) {
    RoqParams r = f.roq();
    inFlight++;
    maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
    unconsumed += b.payload();
    bursts++;
    long pickUp = r.pollPs() + r.descriptorPs();
    f.backend(from)
        .serve(
            pickUp,
            () ->
                f.move(
                    from,
                    to,
                    b.payload(),
                    () ->
                        f.backend(to)
                            .serve(
                                pickUp,
                                () -> {
                                  arrived(b.seq());
                                  f.move(
                                      to,
                                      from,
                                      0,
                                      () -> f.backend(from).serve(r.descriptorPs(), this::acked));
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
      toStack.serve(
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
