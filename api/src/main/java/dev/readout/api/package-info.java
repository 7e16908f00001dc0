/**
 * Readout's api stage. This module is part of the reactor from the start so that the architecture is
 * visible; its implementation arrives with its own issue (see README, "Status").
 */
package dev.readout.api;
