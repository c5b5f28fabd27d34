/**
 * CL (CNK-as-a-Library): loading a CNK application, mirroring its address space, the system-call
 * service loop and the per-call routing table.
 */
package org.fusedsim.cl;
