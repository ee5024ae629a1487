package dev.adl.server;

import dev.adl.diag.Echo;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The markets by name: lookup, creation, and their lot size and mark price. */
final class MarketDirectory {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final Map<String, Market> markets = new ConcurrentHashMap<>();
    private final OperationsLog ops;
    private final AuditLog audit;
    private final Clock clock;
    private final AccountBook accounts;

    /** The venue's account sums over every market. */
    AccountBook accounts() {
        return accounts;
    }

    MarketDirectory(OperationsLog ops, AuditLog audit, Clock clock, AccountBook accounts) {
        this.accounts = accounts;
        this.ops = ops;
        this.audit = audit;
        this.clock = clock;
    }

    /** A market, source or other name a client chose; refused unless it is a plain identifier. */
    static String checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest(kind + " `" + Echo.of(name) + "` must be 1 to 64 letters, digits, `.`, `_`, `:` or `-`");
        }
        return name;
    }

    Market require(String name) {
        Market m = markets.get(name);
        if (m == null) throw ApiException.notFound("no market named `" + name + "`");
        return m;
    }

    Collection<Market> all() {
        return markets.values();
    }

    /** The markets in name order. */
    List<Market> sorted() {
        return new ArrayList<>(new TreeMap<>(markets).values());
    }

    int size() {
        return markets.size();
    }

    /** Creates or updates a market's lot size and mark price; returns true when it was created. */
    boolean put(Caller who, String name, BigDecimal lot, BigDecimal mark) {
        checkName("market name", name);
        synchronized (markets) {
            Op.MarketSet op = new Op.MarketSet(clock.instant(), who.name(), who.tokenId(), name, lot, mark);
            Market m = markets.get(name);
            boolean created = m == null;
            if (created) {
                ops.append(op);
                markets.put(name, new Market(name, lot, mark, accounts));
            } else {
                m.setSettings(lot, mark, () -> ops.append(op));
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("lot_size", lot.toPlainString());
            d.put("mark_price", mark.toPlainString());
            PolicyVersion pv = markets.get(name).active();
            audit.record(who, created ? "market.create" : "market.update", name, pv == null ? null : pv.sha256(), d);
            return created;
        }
    }

    /** Replay of a logged market operation. */
    void restore(Op.MarketSet op) {
        Market m = markets.get(op.market());
        if (m == null) {
            markets.put(op.market(), new Market(op.market(), op.lotSize(), op.markPrice(), accounts));
        } else {
            m.setSettings(op.lotSize(), op.markPrice(), () -> { });
        }
    }
}
