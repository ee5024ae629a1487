package dev.adl.pool;

/**
 * An operation the ledger's rules refuse (a stake into a wiped-out pool, a withdrawal before
 * the cooldown, an amount that is not positive): the ledger is left as it was. The message
 * is one lowercase sentence that names the values at fault in backticks.
 */
public final class PoolRefusedException extends RuntimeException {
    public PoolRefusedException(String message) {
        super(message, null, false, false);
    }
}
