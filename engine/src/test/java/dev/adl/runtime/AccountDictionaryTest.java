package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dictionary against a map: ids in first-seen order, stable, and growth keeps every one. */
class AccountDictionaryTest {
    @Test
    void idsAreGivenInFirstSeenOrderAndFoundAgainAcrossGrowth() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int expected : new int[] {1, 16, 1_000}) {
            AccountDictionary d = new AccountDictionary(expected);
            Map<String, Integer> reference = new HashMap<>();
            for (int i = 0; i < 60_000; i++) {
                // shared prefixes and colliding hashes ("Aa" and "BB" hash alike) as account names have
                String name = switch (rnd.nextInt(3)) {
                    case 0 -> "acct-" + rnd.nextInt(20_000);
                    case 1 -> (rnd.nextBoolean() ? "Aa" : "BB") + (rnd.nextBoolean() ? "Aa" : "BB") + rnd.nextInt(50);
                    default -> Integer.toString(rnd.nextInt(30_000), 36);
                };
                int id = d.intern(name);
                Integer known = reference.putIfAbsent(name, reference.size());
                assertThat(id).as(name).isEqualTo(known == null ? reference.size() - 1 : known);
            }
            assertThat(d.size()).isEqualTo(reference.size());
            reference.forEach((name, id) -> {
                assertThat(d.idOf(name)).isEqualTo(id);
                assertThat(d.name(id)).isEqualTo(name);
            });
            assertThat(d.idOf("never-seen")).isEqualTo(-1);
            assertThatThrownBy(() -> d.name(reference.size())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
