package dev.adl.server;

import java.util.Set;

/**
 * Who made a request: the token's name and roles; {@link #ANONYMOUS} for open reads.
 * {@code tokenId} identifies the token itself (a digest, never the secret) so the
 * two-person rule can tell two tokens apart even when they share a name.
 */
public record Caller(String name, String tokenId, Set<Role> roles) {
    public static final Caller ANONYMOUS = new Caller("anonymous", "", Set.of());

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.OPERATOR);
    }

    public boolean authenticated() {
        return !tokenId.isEmpty();
    }
}
