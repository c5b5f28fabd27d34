/**
 * File service through the IO nodes: the Linux v9fs client and diod (9P over RoQ TCP) for FusedOS,
 * and CNK's sysiod function shipping, both ending at the IO node's external file system.
 */
package org.fusedsim.net.ninep;
