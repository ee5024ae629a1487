package dev.adl.runtime;

/** The ranking tie-break of a store's rows: each row's rank by account name, ascending as String.compareTo. */
final class AccountOrder {
    private AccountOrder() {
    }

    /** For each row of {@code acc} (account ids), the rank of its account's name among the rows. */
    static int[] keys(AccountDictionary accounts, int[] acc) {
        int[] rows;
        if (accounts.prefixOrder()) {
            // names compared by their bytes, most pairs settled by the first 8 of them: no String per name
            long[] prefix = new long[acc.length];
            for (int r = 0; r < acc.length; r++) {
                prefix[r] = accounts.prefix(acc[r]);
            }
            rows = Ranking.sortedRows(acc.length, (a, b) -> {
                int c = Long.compareUnsigned(prefix[a], prefix[b]);
                return c != 0 ? c : accounts.compare(acc[a], acc[b]);
            });
        } else {
            String[] names = new String[acc.length];
            for (int r = 0; r < acc.length; r++) {
                names[r] = accounts.name(acc[r]);
            }
            rows = Ranking.sortedRows(acc.length, (a, b) -> names[a].compareTo(names[b]));
        }
        int[] key = new int[acc.length];
        for (int i = 0; i < rows.length; i++) {
            key[rows[i]] = i;
        }
        return key;
    }
}
