package org.fusedsim.scenarios.replay;

import org.fusedsim.cl.Profile;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.scenarios.trace.SyscallClasses;
import org.fusedsim.spc.Syscall;

/**
 * The servicing class of a replayed call under one profile: the project's per-profile table ({@link
 * SyscallClasses}), with {@code FILE} resolved from the call's path, and whether the call is
 * unsupported. Under {@code fusedos-released} the job-ending decision is the one CL's routing table
 * makes, so the report names exactly the call the simulated CL ends the job on.
 */
final class CallClassifier {
  private final String profile;
  private final SyscallClasses classes;
  private final RoutingTable routing;
  private final Mounts mounts;

  CallClassifier(String profile, SyscallClasses classes, RoutingTable routing, Mounts mounts) {
    this.profile = profile;
    this.classes = classes;
    this.routing = routing;
    this.mounts = mounts;
  }

  /** Returns the class: SPC, CL, LNX, VFS, ION, UNS or DROP. */
  String classOf(Syscall call) {
    String c = classes.classOf(profile, call.name());
    if (c.equals("FILE")) {
      return fileClass(call);
    }
    if (c.startsWith("UNS") || c.equals(SyscallClasses.UNLISTED)) {
      return "UNS";
    }
    return c;
  }

  private String fileClass(Syscall call) {
    boolean stdio = call.fd() >= 0 && call.fd() <= 2;
    // CNK ships every file call but its local ones to the I/O node (sysiod), whatever the mounts;
    // under FusedOS and Linux the mount table decides: the 9P mount of the I/O node, or local VFS
    if (profile.equals("cnk")) {
      return !stdio && RoutingTable.cnkLocal(call.path()) ? "VFS" : "ION";
    }
    return !stdio && mounts.onIon(call.path()) ? "ION" : "VFS";
  }

  /** Returns whether the released CL ends the job on this call. */
  boolean endsJob(Syscall call) {
    return profile.equals("fusedos-released")
        && routing.fusedos(call, Profile.FUSEDOS_RELEASED, mounts::onIon).abortsJob();
  }
}
