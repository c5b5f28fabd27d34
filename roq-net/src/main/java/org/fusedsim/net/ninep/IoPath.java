package org.fusedsim.net.ninep;

/** How a compute node's file calls reach the IO node. */
public enum IoPath {
  /** FusedOS: Linux's v9fs over TCP on RoQ to diod. */
  NINEP,
  /** CNK: function shipping to sysiod. */
  SYSIOD
}
