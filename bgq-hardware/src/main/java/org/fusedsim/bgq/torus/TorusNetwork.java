package org.fusedsim.bgq.torus;

import org.fusedsim.core.Simulation;

/**
 * A torus network that moves messages between nodes. Two implementations exist: {@link
 * PacketNetwork} (packet by packet) and {@link FlowNetwork} (max-min fair flows); {@link #create}
 * picks one from {@link TorusParams#fidelity()}.
 *
 * <p>Messages get ids 0, 1, 2, ... in the order they are sent; statistics are kept per message and
 * per link in primitive arrays.
 */
public interface TorusNetwork {
  /** Receives the completion of a message. */
  @FunctionalInterface
  interface Delivery {
    /** Called when the last byte of message {@code id} has arrived at its destination. */
    void delivered(int id);
  }

  /** Creates the network that {@code params.fidelity()} asks for. */
  static TorusNetwork create(Simulation sim, TorusParams params) {
    Torus torus = new Torus(params.shape());
    return switch (params.fidelity().resolve(torus.nodeCount())) {
      case PACKET -> new PacketNetwork(sim, torus, params);
      default -> new FlowNetwork(sim, torus, params);
    };
  }

  /** Returns the topology. */
  Torus torus();

  /** Returns the parameters. */
  TorusParams params();

  /**
   * Starts a message of {@code payloadBytes} from {@code src} to {@code dst} now.
   *
   * @param onDelivered called once the whole message has arrived, or {@code null}
   * @return the message id
   */
  default int send(int src, int dst, long payloadBytes, Delivery onDelivered) {
    return send(src, dst, payloadBytes, null, onDelivered);
  }

  /**
   * Starts a message of {@code payloadBytes} from {@code src} to {@code dst} now, and reports when
   * its last byte has left the source. At packet level that is when the tail of the last packet has
   * gone onto the first link; at flow level, when the flow has pushed its last byte through its
   * bottleneck (a flow has one rate on every link and no buffers, so the source sends at that rate
   * to the end). Both give {@code wireBytes / rate} after the start for a lone message; a message
   * to its own node is injected at once.
   *
   * @param onInjected called once the last byte has left {@code src}, or {@code null}; always
   *     before {@code onDelivered}
   * @param onDelivered called once the whole message has arrived, or {@code null}
   * @return the message id
   */
  int send(int src, int dst, long payloadBytes, Delivery onInjected, Delivery onDelivered);

  /** Returns when message {@code id} was sent. */
  long sendTime(int id);

  /** Returns when message {@code id} was delivered, or {@link org.fusedsim.core.Time#NEVER}. */
  long deliveryTime(int id);

  /** Returns the number of messages sent so far. */
  int messagesSent();

  /** Returns the number of messages delivered so far. */
  int messagesDelivered();

  /**
   * Returns the packet hops done so far (each packet crossing one link counts one); at flow level
   * the packets a message would need times its hops, counted when it is delivered.
   */
  long packetHops();

  /** Returns for how long link {@code link} has carried data, in picoseconds. */
  long linkBusyTime(int link);

  /**
   * Checks, when no event is pending, that every message sent has been delivered.
   *
   * @throws org.fusedsim.core.StuckException naming the undelivered messages otherwise
   */
  default void checkDelivered() {
    int missing = messagesSent() - messagesDelivered();
    if (missing > 0) {
      throw new org.fusedsim.core.StuckException(
          "torus: "
              + missing
              + " of "
              + messagesSent()
              + " messages undelivered with no event pending");
    }
  }

  /** Returns the level of detail of this implementation. */
  Fidelity fidelity();

  /**
   * Names the nodes for trace tracks (their location names); a network that reports link loads when
   * tracing puts them on the track of the link's source node. No effect where none is kept.
   */
  default void nameNodes(java.util.function.IntFunction<String> names) {}

  /**
   * Checks the arguments of {@link #send} the same way for both levels of detail.
   *
   * @throws IllegalArgumentException for a node outside the partition or a negative size
   */
  static void checkSend(Torus torus, int src, int dst, long payloadBytes) {
    if (src < 0 || src >= torus.nodeCount() || dst < 0 || dst >= torus.nodeCount()) {
      throw new IllegalArgumentException(
          "node out of range: " + src + " -> " + dst + " on " + torus.shape());
    }
    if (payloadBytes < 0) {
      throw new IllegalArgumentException("payload must be >= 0: " + payloadBytes);
    }
  }
}
