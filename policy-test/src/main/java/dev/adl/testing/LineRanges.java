package dev.adl.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** Runs of consecutive line numbers, as OPA's coverage report lists them. */
final class LineRanges {
    record Range(int start, int end) {
    }

    private LineRanges() {
    }

    static List<Range> of(SortedSet<Integer> lines) {
        List<Range> out = new ArrayList<>();
        int start = -1, end = -1;
        for (int l : lines) {
            if (start >= 0 && l == end + 1) {
                end = l;
                continue;
            }
            if (start >= 0) out.add(new Range(start, end));
            start = l;
            end = l;
        }
        if (start >= 0) out.add(new Range(start, end));
        return out;
    }
}
