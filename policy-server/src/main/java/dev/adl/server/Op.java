package dev.adl.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adl.runtime.Event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One line of the operations log: every change to the server's state, one record per kind.
 * {@link OpCodec} writes and reads them; {@link Visitor} has one method per kind, so a new
 * kind does not compile until the replay ({@link Replay}) knows how to apply it, and
 * {@code OpCodecTest} fails until the codec can read it back.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Op.PolicyStored.class, name = "policy"),
        @JsonSubTypes.Type(value = Op.MarketSet.class, name = "market"),
        @JsonSubTypes.Type(value = Op.PositionsPut.class, name = "positions"),
        @JsonSubTypes.Type(value = Op.FundSet.class, name = "fund"),
        @JsonSubTypes.Type(value = Op.ExposuresPut.class, name = "exposures"),
        @JsonSubTypes.Type(value = Op.AccountsPut.class, name = "accounts"),
        @JsonSubTypes.Type(value = Op.EventApplied.class, name = "event"),
        @JsonSubTypes.Type(value = Op.Activated.class, name = "activate"),
        @JsonSubTypes.Type(value = Op.Approved.class, name = "approval"),
        @JsonSubTypes.Type(value = Op.SnapshotTaken.class, name = "snapshot"),
        @JsonSubTypes.Type(value = Op.LayerSet.class, name = "layer"),
        @JsonSubTypes.Type(value = Op.PoolChanged.class, name = "pool"),
        @JsonSubTypes.Type(value = Op.LayersPaid.class, name = "layers_paid"),
})
sealed interface Op {
    /** When the operation was accepted. */
    Instant at();

    /** The caller's name. */
    String who();

    /** The caller's token id (not the token). */
    String token();

    <R> R accept(Visitor<R> v);

    /** Operations on one market. */
    interface OnMarket {
        String market();
    }

    /** One method per kind of operation. */
    interface Visitor<R> {
        R policy(PolicyStored op);

        R market(MarketSet op);

        R positions(PositionsPut op);

        R fund(FundSet op);

        R exposures(ExposuresPut op);

        R accounts(AccountsPut op);

        R event(EventApplied op);

        R activation(Activated op);

        R approval(Approved op);

        R snapshot(SnapshotTaken op);

        R layer(LayerSet op);

        R pool(PoolChanged op);

        R layersPaid(LayersPaid op);
    }

    /** A policy version was stored; its text is the blob {@code sha256}.adl. */
    record PolicyStored(Instant at, String who, String token, String name, long version, String sha256) implements Op {
        public <R> R accept(Visitor<R> v) {
            return v.policy(this);
        }
    }

    /** A market was created or its lot size and mark price set. */
    record MarketSet(Instant at, String who, String token, String market, BigDecimal lotSize, BigDecimal markPrice)
            implements Op, OnMarket {
        public <R> R accept(Visitor<R> v) {
            return v.market(this);
        }
    }

    /** A positions CSV (the blob) replaced a market's store ({@code replace}) or changed some rows ({@code changes}). */
    record PositionsPut(Instant at, String who, String token, String market, String mode, String blob)
            implements Op, OnMarket {
        static final String REPLACE = "replace";
        static final String CHANGES = "changes";

        boolean replace() {
            return REPLACE.equals(mode);
        }

        public <R> R accept(Visitor<R> v) {
            return v.positions(this);
        }
    }

    /** A market's insurance fund balance and its history were set. */
    record FundSet(Instant at, String who, String token, String market, BigDecimal balance,
                   List<Event.FundPoint> history) implements Op, OnMarket {
        public <R> R accept(Visitor<R> v) {
            return v.fund(this);
        }
    }

    /** The accounts' cross balances were replaced by a CSV {@code account,balance} (the blob). */
    record AccountsPut(Instant at, String who, String token, String blob) implements Op {
        public <R> R accept(Visitor<R> v) {
            return v.accounts(this);
        }
    }

    /** One exposure source's rows were replaced by a CSV (the blob). */
    record ExposuresPut(Instant at, String who, String token, String source, String blob) implements Op {
        public <R> R accept(Visitor<R> v) {
            return v.exposures(this);
        }
    }

    /** An event was applied; {@code result} is its answer, which the replay must reproduce exactly. */
    record EventApplied(Instant at, String who, String token, String market, int seq, String bankruptAccount,
                        BigDecimal markPrice, Instant now, String policy, long version, String sha256,
                        JsonNode result) implements Op, OnMarket {
        public <R> R accept(Visitor<R> v) {
            return v.event(this);
        }
    }

    /** A version was activated in a market, or the market rolled back to it ({@code kind}). */
    record Activated(Instant at, String who, String token, String market, String kind, String policy, long version,
                     String sha256) implements Op, OnMarket {
        static final String ACTIVATE = "activate";
        static final String ROLLBACK = "rollback";

        boolean rollback() {
            return ROLLBACK.equals(kind);
        }

        public <R> R accept(Visitor<R> v) {
            return v.activation(this);
        }
    }

    /** A token approved a version for a market (the two-person rule). */
    record Approved(Instant at, String who, String token, String market, String policy, long version, String sha256)
            implements Op, OnMarket {
        public <R> R accept(Visitor<R> v) {
            return v.approval(this);
        }
    }

    /**
     * A market's store (the blob), settings and fund as of the first {@code journalSeq} events:
     * a restart starts from here and replays only the later events.
     */
    record SnapshotTaken(Instant at, String who, String token, String market, String blob, BigDecimal lotSize,
                         BigDecimal markPrice, BigDecimal fund, List<Event.FundPoint> history, int journalSeq,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean latched)
            implements Op, OnMarket {
        /** The market's trigger latch: written only when set (true), so older lines read as not latched. */
        boolean latchSet() {
            return Boolean.TRUE.equals(latched);
        }

        public <R> R accept(Visitor<R> v) {
            return v.snapshot(this);
        }
    }

    /**
     * A layer of the venue was created or changed: a fund or backstop's {@code balance}, or a
     * pool's {@code cooldown} (a pool's balance is its ledger's; the other field is null).
     */
    record LayerSet(Instant at, String who, String token, String layer, String kind, BigDecimal balance,
                    String cooldown) implements Op {
        public <R> R accept(Visitor<R> v) {
            return v.layer(this);
        }
    }

    /** An operation on a pool's ledger, in the operations format of {@link dev.adl.pool.PoolJson}. */
    record PoolChanged(Instant at, String who, String token, String pool, JsonNode change) implements Op {
        public <R> R accept(Visitor<R> v) {
            return v.pool(this);
        }
    }

    /**
     * An event of {@code market} paid from layers, all together: each payment lowers a fund's or
     * backstop's balance, or is a pool's ledger loss; {@code fees} are paid into a pool as revenue.
     */
    record LayersPaid(Instant at, String who, String token, String market, List<Payment> payments) implements Op {
        public <R> R accept(Visitor<R> v) {
            return v.layersPaid(this);
        }
    }

    /** What one layer paid for an event, and the fees it took in (0 for layers other than pools). */
    record Payment(String layer, BigDecimal amount, BigDecimal fees) {
    }
}
