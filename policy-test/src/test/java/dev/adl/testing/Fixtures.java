package dev.adl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small policy with a clause of every kind, written to a folder together with a suite. */
final class Fixtures {
    /** Lines: 4 floor, 5 trigger, 7 eligible, 8 and 9 rank by, 11 and 12 tiers, 14 cap, 15 notify. */
    static final String POLICY = """
            policy "weak" version 1
            markets "M"
            buffer {
              floor 1000
              trigger when drawdown(1h) > 50%
            }
            eligible when upnl > 0
            rank by pnl_pct * leverage when upnl > 0
            rank by leverage
            reduce {
              tier "big" when size >= 10 : pro_rata 50%
              tier "rest" : queue
            }
            cap 100_000 per event
            notify when quintile >= 5
            """;

    static final String POSITIONS = """
            account,market,side,size,entry_price,collateral
            BL,M,long,10,110,50
            S1,M,short,5,120,100
            S2,M,short,5,110,100
            """;

    /** One case that checks only the ADL size: it passes, but exercises little and tells few mutants apart. */
    static final String WEAK_SUITE = """
            policy: policy.adl
            cases:
              - name: everything is deleveraged
                positions: positions.csv
                event:
                  market: M
                  mark_price: 100
                  lot_size: 1
                  insurance_fund: 0
                  now: "2026-01-01T08:00:00Z"
                  bankrupt_account: BL
                expect:
                  adl_size: 10
            """;

    private Fixtures() {
    }

    static Path write(Path dir, String suiteName, String suite) {
        try {
            Files.writeString(dir.resolve("policy.adl"), POLICY);
            Files.writeString(dir.resolve("positions.csv"), POSITIONS);
            Path file = dir.resolve(suiteName);
            Files.writeString(file, suite);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
