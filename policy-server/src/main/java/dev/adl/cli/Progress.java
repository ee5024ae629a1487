package dev.adl.cli;

import dev.adl.lab.StressRun;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress line on stderr while paths run: only when stderr is a terminal, never in a pipe or a file. */
class Progress implements StressRun.Progress {
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private boolean shown;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    static Progress onTerminal(PrintWriter err) {
        return System.console() != null ? new Progress(err) : new Progress(null);
    }

    @Override
    public synchronized void pathDone(int done, int total) {
        if (err == null) return;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = elapsed / done * (total - done);
        err.printf(Locale.ROOT, "\rpaths %d/%d, %.1f s elapsed, about %.1f s left   ", done, total, elapsed, left);
        err.flush();
        shown = true;
    }

    synchronized void finish() {
        if (shown) {
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
        }
    }
}
