package dev.adl.server;

import java.util.Set;

/**
 * Who made a request: the token's name and roles; {@link #ANONYMOUS} for open reads.
 * {@code tokenId} identifies the token itself (a digest, never the secret) so the
 * two-person rule can tell two tokens apart even when they share a name. {@code staker} is
 * the staker a token is bound to (null for most tokens): its staking requests act for that
 * staker only.
 */
public record Caller(String name, String tokenId, Set<Role> roles, String staker) {
    public static final Caller ANONYMOUS = new Caller("anonymous", "", Set.of());

    public Caller {
        roles = Set.copyOf(roles);
    }

    public Caller(String name, String tokenId, Set<Role> roles) {
        this(name, tokenId, roles, null);
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.OPERATOR);
    }

    public boolean authenticated() {
        return !tokenId.isEmpty();
    }
}
