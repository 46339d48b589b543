package io.github.lasier.cli.demo;

/**
 * What the half-open state did over the whole run.
 *
 * @param probes               calls that ran as probes
 * @param succeeded            of which succeeded: towards closing the circuit
 * @param failed               of which failed
 * @param reopened             of the failed, those that opened the circuit again (the first to report; the others'
 *                             leases were gone by then)
 * @param rejectedWhileProbing calls refused because the circuit was half-open and every probe lease was taken
 */
public record ProbeTotals(long probes, long succeeded, long failed, long reopened, long rejectedWhileProbing) {
}
