package org.fusedsim.bgq.mu;

/**
 * One 64-byte MU descriptor (code, {@code MU_Descriptor.h}: flags, payload address, length, torus
 * FIFO map and a 32 B packet header). Addresses are not modelled; the payload length and the
 * routing fields are.
 *
 * @param type what the destination does with the payload
 * @param destination rank of the destination node
 * @param payloadBytes bytes to move
 * @param receptionFifo for {@link PacketType#MEMORY_FIFO}: the destination's reception FIFO id
 * @param counterId for {@link PacketType#DIRECT_PUT}: the destination's reception counter
 * @param networkFifo the hardware network injection FIFO, or {@code null} to let the MU take the
 *     torus direction of the first hop
 * @param remote for {@link PacketType#REMOTE_GET}: the descriptor the destination injects back,
 *     else {@code null}
 * @param owner the software stack that injects it ({@code pami}, {@code roq}, ...), or {@code
 *     null}: the MU counts misdelivered packets by owner when FIFOs are shared
 * @param flow a non-zero id that ties the message's trace events together and lets its stack find
 *     it at the destination (0: none)
 * @param remoteFifo for {@link PacketType#REMOTE_GET}: the injection FIFO of the holder the carried
 *     descriptor goes into (a remote-get FIFO of the requesting stack), or -1 for the MU's own
 */
public record Descriptor(
    PacketType type,
    int destination,
    long payloadBytes,
    int receptionFifo,
    int counterId,
    NetworkInjectionFifo networkFifo,
    Descriptor remote,
    String owner,
    long flow,
    int remoteFifo) {

  /** Validates the fields that belong to the type. */
  public Descriptor {
    if (payloadBytes < 0) {
      throw new IllegalArgumentException("payload must be >= 0");
    }
    if (type == PacketType.REMOTE_GET && remote == null) {
      throw new IllegalArgumentException("a remote get carries the descriptor to inject back");
    }
    if (type == PacketType.MEMORY_FIFO
        && (receptionFifo < 0 || receptionFifo >= MuGeometry.RECEPTION_FIFOS)) {
      throw new IllegalArgumentException(
          "reception FIFO " + receptionFifo + " outside 0-" + (MuGeometry.RECEPTION_FIFOS - 1));
    }
  }

  /** A memory-FIFO message. */
  public static Descriptor memoryFifo(int destination, long bytes, int receptionFifo) {
    return new Descriptor(
        PacketType.MEMORY_FIFO, destination, bytes, receptionFifo, -1, null, null, null, 0, -1);
  }

  /** A remote put into memory, counted down on {@code counterId} at the destination. */
  public static Descriptor put(int destination, long bytes, int counterId) {
    return new Descriptor(
        PacketType.DIRECT_PUT, destination, bytes, -1, counterId, null, null, null, 0, -1);
  }

  /**
   * A remote get: asks {@code holder} to put {@code bytes} back to {@code requester} on its counter
   * {@code counterId}. The request itself carries one descriptor as payload.
   */
  public static Descriptor get(int holder, int requester, long bytes, int counterId) {
    return new Descriptor(
        PacketType.REMOTE_GET,
        holder,
        MuGeometry.DESCRIPTOR_BYTES,
        -1,
        -1,
        null,
        put(requester, bytes, counterId),
        null,
        0,
        -1);
  }

  /** Returns this remote get with its carried descriptor going into the holder's {@code fifo}. */
  public Descriptor viaRemoteFifo(int fifo) {
    return new Descriptor(
        type,
        destination,
        payloadBytes,
        receptionFifo,
        counterId,
        networkFifo,
        remote,
        owner,
        flow,
        fifo);
  }

  /** Returns this descriptor injected by {@code stack}, its trace events tied by {@code flowId}. */
  public Descriptor by(String stack, long flowId) {
    return new Descriptor(
        type,
        destination,
        payloadBytes,
        receptionFifo,
        counterId,
        networkFifo,
        remote == null ? null : remote.by(stack, flowId),
        stack,
        flowId,
        remoteFifo);
  }
}
