package dev.adl.server;

import dev.adl.diag.Echo;
import dev.adl.runtime.Event;
import dev.adl.runtime.ExposureFeed;
import dev.adl.runtime.ExposuresCsv;
import dev.adl.runtime.InputException;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.VenueCsv;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a market's events read besides the policy: its positions, its fund, and the exposure feed of every source. */
final class MarketInputs {
    private final MarketDirectory markets;
    private final ExposureBook exposures;
    private final OperationsLog ops;
    private final AuditLog audit;
    private final QuintileAlerts alerts;
    private final Clock clock;

    MarketInputs(MarketDirectory markets, ExposureBook exposures, OperationsLog ops, AuditLog audit,
                 QuintileAlerts alerts, Clock clock) {
        this.markets = markets;
        this.exposures = exposures;
        this.ops = ops;
        this.audit = audit;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** Replaces the whole store ({@code replace}) or applies changed rows; returns the open position count. */
    int putPositions(Caller who, String name, byte[] csv, boolean replace) {
        Market m = markets.require(name);
        // the upload goes to disk while it is parsed; it is named, and so on record, only once it
        // has parsed (and merged) cleanly, and always before the operation that refers to it
        OperationsLog.PendingBlob blob = ops.prepareBlob(csv, "csv");
        String[] sha = new String[1];
        PositionStore parsed;
        String mode = replace ? Op.PositionsPut.REPLACE : Op.PositionsPut.CHANGES;
        int open;
        try {
            parsed = StoreCsv.parse(name, csv);
            open = m.putPositions(parsed, replace, () -> {
                sha[0] = blob.commit();
                ops.append(new Op.PositionsPut(clock.instant(), who.name(), who.tokenId(), name, mode, sha[0]));
            });
        } finally {
            if (sha[0] == null) blob.discard();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", mode);
        d.put("rows", parsed.rows());
        d.put("blob", sha[0]);
        audit.record(who, replace ? "positions.replace" : "positions.change", name, activeSha(m), d);
        alerts.schedule(m);
        return open;
    }

    void putFund(Caller who, String name, BigDecimal balance, List<Event.FundPoint> history) {
        Market m = markets.require(name);
        m.setFund(balance, history, () -> ops.append(new Op.FundSet(clock.instant(), who.name(), who.tokenId(), name,
                balance, history)));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("balance", balance.toPlainString());
        d.put("history_points", history.size());
        audit.record(who, "fund.set", name, activeSha(m), d);
    }

    /** Replaces one exposure source's rows; returns how many sources the feed now has. */
    int putExposures(Caller who, String source, String csv) {
        MarketDirectory.checkName("exposure source", source);
        ExposureFeed parsed;
        try {
            parsed = ExposuresCsv.read(csv, "exposures.csv");
        } catch (InputException e) {
            throw ApiException.input(400, "bad_csv", "the exposures CSV has an error", e);
        }
        for (String s : parsed.sources()) {
            if (!s.equals(source)) {
                throw ApiException.badRequest("the exposures CSV has rows for source `" + Echo.of(s)
                        + "`; this request is for source `" + source + "`");
            }
        }
        exposures.lock.writeLock().lock();
        try {
            ExposureBook.Next next = exposures.with(source, csv);
            String sha = ops.putBlob(csv, "csv");
            ops.append(new Op.ExposuresPut(clock.instant(), who.name(), who.tokenId(), source, sha));
            exposures.set(next);
            markets.all().forEach(Market::changed);
            audit.record(who, "exposures.replace", source, null, Map.of("blob", sha));
            return exposures.sources();
        } finally {
            exposures.lock.writeLock().unlock();
        }
    }

    /** Replaces every account's cross balance (0 for an account without a row); returns how many rows. */
    int putAccounts(Caller who, String csv) {
        Map<String, BigDecimal> parsed = accounts(csv);
        String sha = ops.putBlob(csv, "csv");
        markets.accounts().setBalances(parsed,
                () -> ops.append(new Op.AccountsPut(clock.instant(), who.name(), who.tokenId(), sha)));
        markets.all().forEach(Market::changed);
        audit.record(who, "accounts.replace", "accounts", null, Map.of("rows", parsed.size(), "blob", sha));
        return parsed.size();
    }

    private static Map<String, BigDecimal> accounts(String csv) {
        try {
            return VenueCsv.accounts(new StringReader(csv), "accounts.csv");
        } catch (InputException e) {
            throw ApiException.input(400, "bad_csv", "the accounts CSV has an error", e);
        }
    }

    // ---------------------------------------------------------------- replay

    void restore(Op.AccountsPut op) {
        markets.accounts().setBalances(accounts(ops.blob(op.blob(), "csv")), () -> { });
    }

    void restore(Op.PositionsPut op) {
        Market m = markets.require(op.market());
        m.putPositions(StoreCsv.parse(m.name(), ops.blobBytes(op.blob(), "csv")), op.replace(), () -> { });
    }

    void restore(Op.FundSet op) {
        markets.require(op.market()).setFund(op.balance(), op.history(), () -> { });
    }

    void restore(Op.ExposuresPut op) {
        exposures.set(exposures.with(op.source(), ops.blob(op.blob(), "csv")));
    }

    /** The market's active policy's hash, recorded with writes to the market; null when none is active. */
    static String activeSha(Market m) {
        PolicyVersion pv = m.active();
        return pv == null ? null : pv.sha256();
    }
}
