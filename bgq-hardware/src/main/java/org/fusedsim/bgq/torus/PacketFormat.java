package org.fusedsim.bgq.torus;

/**
 * The wire format of a torus packet: a header, a payload in whole chunks up to a maximum, and a
 * trailer (bgq-facts.md, "Torus network": 32 B header = 12 B network + 20 B MU, 0-512 B payload in
 * 32 B chunks, 8 B trailer; secondary, quoting Chen et al. SC11).
 *
 * @param headerBytes bytes of header per packet
 * @param trailerBytes bytes of trailer per packet
 * @param maxPayloadBytes the largest payload of one packet
 * @param chunkBytes payload is padded to a multiple of this
 */
public record PacketFormat(int headerBytes, int trailerBytes, int maxPayloadBytes, int chunkBytes) {
  /** The BG/Q format: 32 B header, 8 B trailer, up to 512 B payload in 32 B chunks. */
  public static final PacketFormat BGQ = new PacketFormat(32, 8, 512, 32);

  /** Validates the format. */
  public PacketFormat {
    if (headerBytes < 0 || trailerBytes < 0 || chunkBytes <= 0 || maxPayloadBytes < chunkBytes) {
      throw new IllegalArgumentException("inconsistent packet format");
    }
    if (maxPayloadBytes % chunkBytes != 0) {
      throw new IllegalArgumentException("max payload must be a whole number of chunks");
    }
  }

  /** Returns the number of packets a message of {@code payload} bytes needs (at least one). */
  public long packets(long payload) {
    if (payload <= 0) {
      return 1;
    }
    return (payload + maxPayloadBytes - 1) / maxPayloadBytes;
  }

  /** Returns the wire size of one packet carrying {@code payload} bytes (at most the maximum). */
  public int packetWireBytes(int payload) {
    int chunks = (payload + chunkBytes - 1) / chunkBytes;
    return headerBytes + chunks * chunkBytes + trailerBytes;
  }

  /** Returns the largest wire size of one packet. */
  public int maxPacketWireBytes() {
    return packetWireBytes(maxPayloadBytes);
  }

  /** Returns the bytes on the wire for a whole message: full packets, then the remainder. */
  public long wireBytes(long payload) {
    long full = payload / maxPayloadBytes;
    int rest = (int) (payload % maxPayloadBytes);
    long bytes = full * maxPacketWireBytes();
    if (rest > 0 || full == 0) {
      bytes += packetWireBytes(rest);
    }
    return bytes;
  }
}
