/**
 * The SPC monitor: per-hardware-thread state machine, shared-memory mailbox protocol, trap
 * handling, and the CNK-native kernel of the CNK baseline.
 */
package org.fusedsim.spc;
