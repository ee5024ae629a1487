package dev.adl.cli;

import dev.adl.check.Frontend;

/**
 * Parses a small policy on a second thread while the main thread builds the command line's
 * model. A fresh JVM spends a third of a short command in each: the command line library's
 * reflection, and the parser's start (its tables are deserialised when its classes initialise).
 * On two cores they overlap; a class another thread is initialising is waited for, never built
 * twice, and the result of this parse is thrown away.
 */
final class Warmup {
    private static final String POLICY = """
            policy "warmup" version 1
            markets "M"
            buffer {
              floor 1
            }
            let lev = notional / equity
            eligible when size > 0
            rank by pnl_pct * lev when upnl > 0
            rank by pnl_pct / lev
            reduce {
              tier "a" when lev >= 25 : pro_rata 100%
              tier "b" : queue
            }
            """;

    private Warmup() {
    }

    /** Starts the parse when the command reads policies; returns at once. */
    static void startFor(String[] args) {
        if (args.length == 0 || !(args[0].equals("check") || args[0].equals("compile") || args[0].equals("run"))) {
            return;
        }
        Thread t = new Thread(() -> Frontend.analyze("warmup.adl", POLICY), "adl-warmup");
        t.setDaemon(true);
        t.start();
    }
}
