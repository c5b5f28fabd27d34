package org.fusedsim.cl;

/** Which column of the routing table CL follows (syscalls.md section 7.2). */
public enum Profile {
  /** CL as released: a call missing from its switch ends the whole job. */
  FUSEDOS_RELEASED("fusedos-released"),
  /** Everything CNK V1R2M1 serves is served, along the FusedOS path. */
  FUSEDOS_CNKCOMPAT("fusedos-cnkcompat");

  private final String id;

  Profile(String id) {
    this.id = id;
  }

  /** Returns the name used in scenario files. */
  public String id() {
    return id;
  }

  /** Returns the profile with that name. */
  public static Profile of(String id) {
    for (Profile p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown profile " + id);
  }
}
