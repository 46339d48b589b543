package io.github.lasier;

/**
 * The cause of the failure exception when a call that returned normally opened the circuit: the breaker's
 * failure-result predicate judged its result a failure, or the rule counted it as a slow call. Holds the result; its
 * message does not show it, as a result may hold anything. Without a stack trace: the result is the interesting part,
 * not where it was judged.
 */
public final class FailedResultException extends RuntimeException {

    private final transient Object result;

    /**
     * @param circuitName the circuit whose predicate judged the result
     * @param result      the result judged a failure
     */
    public FailedResultException(String circuitName, Object result) {
        super("a call through circuit '" + circuitName
                + "' returned normally but counted as a failure (its result, or it was slow)", null, false, false);
        this.result = result;
    }

    /** The call's result; {@code null} when it had none or when the permission API reported a success. */
    public Object result() {
        return result;
    }
}
