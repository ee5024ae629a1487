package dev.adl.server;

import java.util.Locale;

/**
 * What a token may do. An operator runs the venue and may do everything the others may. A
 * treasury token pays revenue into staking pools; a staker token (one bound to a staker id in
 * the tokens file) stakes and unstakes for that staker alone. An analyst runs lab jobs
 * (stress and replay on a copy of the venue) and reads what the others may read.
 */
public enum Role {
    VIEWER, PROPOSER, APPROVER, OPERATOR, TREASURY, STAKER, ANALYST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.label().equals(text)) return r;
        }
        return null;
    }
}
