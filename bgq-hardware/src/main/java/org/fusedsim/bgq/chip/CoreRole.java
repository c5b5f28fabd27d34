package org.fusedsim.bgq.chip;

/** What a core is used for; assigned by the personality that boots the node. */
public enum CoreRole {
  /** Not yet assigned, or idle. */
  UNASSIGNED,
  /** FusedOS general-purpose core: runs Linux. */
  GPC,
  /** FusedOS special-purpose core: runs the SPC monitor and CNK applications. */
  SPC,
  /** FusedOS core running the RoQ microcode. */
  ROQ,
  /** CNK baseline: application core. */
  CNK_APP,
  /** CNK baseline: the 17th core, for system agents. */
  CNK_SYSTEM,
  /** Linux baseline: every core runs Linux. */
  LINUX
}
