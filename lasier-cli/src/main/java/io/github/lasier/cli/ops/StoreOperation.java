package io.github.lasier.cli.ops;

import io.github.lasier.CircuitBreaker;
import io.github.lasier.StoreFailurePolicy;
import io.github.lasier.cli.CommonOptions;
import io.github.lasier.cli.Logging;
import io.github.lasier.cli.Terminal;
import io.github.lasier.cli.store.StoreConnection;
import io.github.lasier.cli.store.StoreUri;
import io.github.lasier.store.HalfOpen;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What {@code status}, {@code open} and {@code close} share: their options and how they reach a circuit. */
abstract class StoreOperation implements Callable<Integer> {

    final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    CircuitArguments circuitArguments = new CircuitArguments();

    StoreOperation(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Sets up logging and answers the store to act on; a missing or in-memory store is a usage error. */
    final StoreUri start() {
        Logging.configure(common.verbose());
        return storeOptions.require(spec);
    }

    /** The keys of circuit {@code name}, as the options describe them. */
    final CircuitKeys keys(String name) {
        return circuitArguments.keys(spec, name, storeOptions);
    }

    /**
     * A breaker on circuit {@code name} as a service would build it, so that opening or closing writes exactly what
     * breakers write; it reports a store's refusal instead of falling back, since an operator must hear of it. It has
     * the half-open state with every lease a breaker may hold: closing it deletes a round of any size, and opening it
     * starts a new round (whose first probe may be asked for until two probe timeouts after the open period).
     *
     * @param probeTimeout the probe timeout, or {@code null} for the circuit timeout
     */
    final CircuitBreaker breaker(String name, StoreConnection connection, Duration circuitTimeout,
            Duration probeTimeout) {
        HalfOpen everyProbe = CircuitKeys.everyProbe(probeTimeout == null ? circuitTimeout : probeTimeout);
        return CircuitBreaker.builder().rule(new KeysOnlyRule(name, circuitArguments.requestKey))
                .storage(connection.storage()).keyPrefix(storeOptions.keyPrefix)
                .storeFailurePolicy(StoreFailurePolicy.PROPAGATE).circuitTimeout(circuitTimeout)
                .halfOpen(everyProbe.permittedProbes(), everyProbe.successesToClose(), everyProbe.probeTimeout())
                .build();
    }
}
