/** From a scenario's sections to the one assembled partition every kind runs on. */
package org.fusedsim.scenarios.machine;
