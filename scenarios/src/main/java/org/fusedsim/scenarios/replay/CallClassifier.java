package org.fusedsim.scenarios.replay;

import org.fusedsim.cl.Profile;
import org.fusedsim.cl.RoutingTable;
import org.fusedsim.spc.Syscall;

/**
 * The servicing class of a replayed call under one profile, and whether the call is unsupported:
 * the class the node's routing table serves the call in ({@link RoutingTable#fusedos}, {@link
 * RoutingTable#cnkClass}, {@link RoutingTable#linuxClass}), so the report names exactly what the
 * simulated node did, including the call the released CL ends the job on.
 */
final class CallClassifier {
  private final String profile;
  private final RoutingTable routing;
  private final Mounts mounts;

  CallClassifier(String profile, RoutingTable routing, Mounts mounts) {
    this.profile = profile;
    this.routing = routing;
    this.mounts = mounts;
  }

  /** Returns the class: SPC, CL, LNX, VFS, ION, UNS or DROP. */
  String classOf(Syscall call) {
    return switch (profile) {
      case "cnk" -> routing.cnkClass(call).name();
      case "linux" -> routing.linuxClass(call, mounts::onIon).name();
      case "fusedos-released" ->
          routing.fusedos(call, Profile.FUSEDOS_RELEASED, mounts::onIon).cls().name();
      default -> routing.fusedos(call, Profile.FUSEDOS_CNKCOMPAT, mounts::onIon).cls().name();
    };
  }

  /** Returns whether the released CL ends the job on this call. */
  boolean endsJob(Syscall call) {
    return profile.equals("fusedos-released")
        && routing.fusedos(call, Profile.FUSEDOS_RELEASED, mounts::onIon).abortsJob();
  }
}
