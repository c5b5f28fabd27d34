/**
 * Node memory: physical layouts per OS personality with overlap checks, and the shared-memory
 * mailbox whose accesses cost an L2 cache-line transfer.
 */
package org.fusedsim.bgq.memory;
