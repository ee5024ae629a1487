package dev.adl.server;

import dev.adl.runtime.AccountDictionary;
import dev.adl.runtime.PositionStore;
import dev.adl.runtime.VenueAccounts;

import java.math.BigDecimal;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's one {@link VenueAccounts} over all its markets, which {@code account_*} read.
 * Every market's store uses {@link #dictionary}. {@link #lock} is held from an event's read of
 * the sums to its log line and the update after it, and around every change of positions or
 * marks with its log line: so the log orders everything an event's account values depend on,
 * and a replay in log order reads what the live event read. Taken after a market's lock,
 * before any layer's.
 */
final class AccountBook {
    final ReentrantLock lock = new ReentrantLock();
    private final AccountDictionary dictionary = new AccountDictionary();
    private final VenueAccounts sums = VenueAccounts.empty(dictionary);

    AccountDictionary dictionary() {
        return dictionary;
    }

    /** The sums; read and changed only under {@link #lock}. */
    VenueAccounts sums() {
        return sums;
    }

    /** {@code s} with its accounts in the venue's dictionary (rows, order and collateral unchanged). */
    PositionStore share(PositionStore s) {
        if (s.accounts() == dictionary) return s;
        PositionStore.Builder b = PositionStore.builder(s.market(), dictionary);
        for (int r = 0; r < s.rows(); r++) {
            b.add(s.account(r), s.side(r), s.sizeFixed(r), s.entryPriceFixed(r), s.collateral(r), r + 2);
        }
        return b.build();
    }

    /** A market's store and mark enter the sums, replacing what the market had; call under {@link #lock}. */
    void put(PositionStore s, BigDecimal mark) {
        sums.put(s, mark);
    }

    /** A new mark for a market already in the sums (nothing when it is the same); call under {@link #lock}. */
    void mark(String market, BigDecimal mark) {
        BigDecimal old = sums.mark(market);
        if (old == null || old.compareTo(mark) != 0) sums.setMark(market, mark);
    }
}
