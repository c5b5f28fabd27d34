/**
 * Workload programs that run unchanged under every OS personality: a system-call loop and FWQ
 * (fixed work quantum).
 */
package org.fusedsim.scenarios.workload;
