/**
 * Workload programs that run unchanged under every OS personality: a system-call loop, FWQ (fixed
 * work quantum) and a bulk-synchronous compute + barrier loop.
 */
package org.fusedsim.scenarios.workload;
