package dev.adl.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "did you mean ...?" for an unknown name. The names in scope come in groups, most wanted
 * first (values before functions where a value is expected). Names the unknown one begins
 * (`lev` for `leverage`) are what a writer most often means, so they come before names
 * within two edits; among edits the nearest win; ties go to the earlier group and the
 * earlier name. When nothing is close, the help lists the names in scope instead.
 */
public final class Suggestions {
    static final int MAX_DISTANCE = 2;
    /** At most this many names follow "did you mean". */
    static final int MAX_SUGGESTIONS = 3;

    /** Names of one kind, as the help introduces them when it lists them: {@code "functions"}. */
    record Group(String label, List<String> names) {
        Group {
            names = List.copyOf(names);
        }
    }

    private Suggestions() {
    }

    /**
     * The close names, best first: every name {@code name} is a prefix of (for a name of two
     * letters or more), else the names at the least edit distance. An edit must also be
     * shorter than {@code name}, or every short typo would match everything.
     */
    static List<String> closest(String name, List<Group> groups) {
        List<String> names = new ArrayList<>(inOrder(groups));
        names.remove(name);
        if (name.length() >= 2) {
            List<String> prefixed = names.stream().filter(c -> c.startsWith(name)).toList();
            if (!prefixed.isEmpty()) return first(prefixed);
        }
        int best = names.stream().mapToInt(c -> distance(name, c)).min().orElse(Integer.MAX_VALUE);
        if (best > MAX_DISTANCE || best >= name.length()) return List.of();
        return first(names.stream().filter(c -> distance(name, c) == best).toList());
    }

    /** "did you mean `a` or `b`?", or when nothing is close, the names in scope; empty when there are none. */
    static Optional<String> help(String name, List<Group> groups) {
        List<String> close = closest(name, groups);
        if (!close.isEmpty()) return Optional.of("did you mean " + either(close) + "?");
        List<String> parts = new ArrayList<>();
        for (Group g : groups) {
            if (!g.names().isEmpty()) parts.add(g.label() + ": " + quoted(g.names()));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    /** {@link #help} over one group of names, for callers outside this package. */
    public static Optional<String> help(String name, String label, List<String> names) {
        return help(name, List.of(new Group(label, names)));
    }

    private static Set<String> inOrder(List<Group> groups) {
        Set<String> out = new LinkedHashSet<>();
        groups.forEach(g -> out.addAll(g.names()));
        return out;
    }

    private static List<String> first(List<String> names) {
        return names.subList(0, Math.min(MAX_SUGGESTIONS, names.size()));
    }

    private static String either(List<String> names) {
        String last = "`" + names.get(names.size() - 1) + "`";
        return names.size() == 1 ? last : quoted(names.subList(0, names.size() - 1)) + " or " + last;
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
    }

    /** Edit distance counting a swap of two neighbouring characters as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
