package dev.adl.pool;

import java.math.BigDecimal;
import java.time.Instant;

/** One operation on a pool's ledger, at a time {@code at}; EXCHANGE.md section 3 says what each does. */
public sealed interface PoolOp {
    Instant at();

    /** The name used in OPS.json and in results ({@code "stake"}, {@code "unstake_request"}, ...). */
    String kind();

    record Stake(Instant at, String staker, BigDecimal amount) implements PoolOp {
        public String kind() {
            return "stake";
        }
    }

    record Revenue(Instant at, BigDecimal amount) implements PoolOp {
        public String kind() {
            return "revenue";
        }
    }

    /** What the waterfall pays from this layer: the reserve first, then the stakers' value. */
    record Loss(Instant at, BigDecimal amount) implements PoolOp {
        public String kind() {
            return "loss";
        }
    }

    record UnstakeRequest(Instant at, String staker, BigDecimal shares) implements PoolOp {
        public String kind() {
            return "unstake_request";
        }
    }

    record UnstakeCancel(Instant at, String staker) implements PoolOp {
        public String kind() {
            return "unstake_cancel";
        }
    }

    record Withdraw(Instant at, String staker) implements PoolOp {
        public String kind() {
            return "withdraw";
        }
    }

    record Reset(Instant at) implements PoolOp {
        public String kind() {
            return "reset";
        }
    }
}
