package org.fusedsim.cl;

/**
 * How one call is served under one profile.
 *
 * @param cls the service class
 * @param errno the error returned for {@link ServiceClass#UNS} (0 otherwise)
 * @param abortsJob whether the released CL ends the job on this call
 */
public record Route(ServiceClass cls, int errno, boolean abortsJob) {
  /** ENOSYS on PowerPC Linux. */
  public static final int ENOSYS = 38;

  /** EINVAL. */
  public static final int EINVAL = 22;

  /** EPERM. */
  public static final int EPERM = 1;

  /** A served call. */
  public static Route of(ServiceClass cls) {
    return new Route(cls, 0, false);
  }
}
