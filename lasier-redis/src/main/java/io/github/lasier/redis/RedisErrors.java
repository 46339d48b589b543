package io.github.lasier.redis;

import io.github.lasier.storage.StorageException;
import io.github.lasier.storage.StorageValueException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns whatever Lettuce or a script reports into the storage exceptions callers know; no driver type escapes. */
final class RedisErrors {

    private static final int MAX_VALUE_CHARS = 64;

    private RedisErrors() {
    }

    /**
     * The storage exception for {@code thrown}, raised by {@code operation} on {@code key}.
     *
     * @param timeoutMillis the command timeout, for the message of a timeout
     */
    static StorageException map(String operation, String key, long timeoutMillis, Throwable thrown) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof StorageException storageException) {
            return storageException;
        }
        if (failure instanceof TimeoutException || failure instanceof RedisCommandTimeoutException) {
            return new StorageException(describe(operation, key) + " timed out after " + timeoutMillis + " ms",
                    failure);
        }
        if (isWrongType(failure)) {
            return new RedisWrongTypeException(key, operation, failure);
        }
        return new StorageException(describe(operation, key) + " failed: " + failure.getMessage(), failure);
    }

    /** Whether Redis refused the command because the key holds another type. */
    static boolean isWrongType(Throwable failure) {
        return failure instanceof RedisCommandExecutionException && failure.getMessage() != null
                && failure.getMessage().startsWith("WRONGTYPE");
    }

    /** Whether Redis refused to increment because the key's value is not an integer (or would overflow). */
    static boolean isNotAnInteger(Throwable failure) {
        return failure instanceof RedisCommandExecutionException && failure.getMessage() != null
                && failure.getMessage().contains("not an integer");
    }

    /** The exception for {@code key} holding {@code value} where an integer is expected. */
    static StorageValueException notAnInteger(String key, String value) {
        return new StorageValueException(key, printable(value));
    }

    /** The failure a stage stands for, without the wrappers of stage composition. */
    static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(String operation, String key) {
        return "Redis " + operation + (key == null ? "" : " on key '" + key + "'");
    }

    /** A quoted value, cut short: garbage can be large and must not flood the logs. */
    private static String printable(String value) {
        if (value == null) {
            return "(absent)";
        }
        String shown = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) + "..." : value;
        return "'" + shown + "'";
    }
}
