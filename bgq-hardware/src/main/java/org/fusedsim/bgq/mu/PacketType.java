package org.fusedsim.bgq.mu;

/** What a descriptor asks the MU to do with its payload at the destination. */
public enum PacketType {
  /** Deposit the packets into a reception memory FIFO for software to read. */
  MEMORY_FIFO,
  /** Write the payload directly into memory (remote put) and count the bytes down. */
  DIRECT_PUT,
  /** Carry a descriptor that the destination MU injects back (remote get, RDMA read). */
  REMOTE_GET
}
