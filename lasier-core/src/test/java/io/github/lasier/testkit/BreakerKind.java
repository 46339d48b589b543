package io.github.lasier.testkit;

/** The two breakers, so that one behaviour suite runs against both. */
public enum BreakerKind {
    SYNC,
    ASYNC
}
