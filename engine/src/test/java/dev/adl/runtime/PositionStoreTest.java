package dev.adl.runtime;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PositionStoreTest {
    @Test
    void arraysStayUnder64BytesPerPosition() {
        for (int n : new int[]{1, 1000, 65_537, 100_000}) {
            PositionStore.Builder b = PositionStore.builder("M", new AccountDictionary());
            for (int i = 0; i < n; i++) {
                b.add("acct" + i, i % 2 == 0 ? 1 : -1, 100_000_000L, 100_000_000L, 0, i + 2);
            }
            PositionStore store = b.build();
            assertThat(store.rows()).isEqualTo(n);
            assertThat(store.arrayBytes()).isLessThanOrEqualTo(64L * n + 64);
            if (n > 1000) {
                assertThat(store.arrayBytes() / (double) n).isLessThanOrEqualTo(64.0);
            }
        }
    }

    @Test
    void lookupAndOrderKeysFollowAccountNames() {
        PositionStore.Builder b = PositionStore.builder("M", new AccountDictionary());
        String[] names = {"delta", "alpha", "charlie", "bravo"};
        for (int i = 0; i < names.length; i++) {
            b.add(names[i], 1, 1, 1, 0, i + 2);
        }
        PositionStore store = b.build();
        for (int i = 0; i < names.length; i++) {
            assertThat(store.rowOf(names[i])).isEqualTo(i);
            assertThat(store.account(i)).isEqualTo(names[i]);
        }
        assertThat(store.orderKey(1)).isEqualTo(0); // alpha
        assertThat(store.orderKey(3)).isEqualTo(1); // bravo
        assertThat(store.orderKey(2)).isEqualTo(2); // charlie
        assertThat(store.orderKey(0)).isEqualTo(3); // delta
    }

    @Test
    void houseBalancesTheLoadedFile() {
        PositionStore store = PositionStore.builder("M", new AccountDictionary())
                .add("L", 1, 700_000_000L, 1, 0, 2)
                .add("S", -1, 200_000_000L, 1, 0, 3)
                .build();
        assertThat(store.house()).isEqualByComparingTo("-5");
        assertThat(store.longTotal().add(store.house().max(BigDecimal.ZERO)))
                .isEqualByComparingTo(store.shortTotal().add(store.house().negate().max(BigDecimal.ZERO)));
    }

    @Test
    void copyIsIndependentAndCollateralFinerThanEightPlacesStaysExact() {
        PositionStore store = PositionStore.builder("M", new AccountDictionary())
                .add("A", 1, 100_000_000L, 100_000_000L, 0, 2)
                .build();
        PositionStore copy = store.copy();
        BigDecimal fine = new BigDecimal("1.0000000000000001");
        copy.setCollateral(0, fine);
        copy.setSize(0, 50_000_000L);
        assertThat(copy.collateral(0)).isEqualTo(fine);
        assertThat(copy.overlayRows()).isEqualTo(1);
        assertThat(copy.longTotal()).isEqualByComparingTo("0.5");
        assertThat(store.collateral(0)).isEqualByComparingTo("0");
        assertThat(store.size(0)).isEqualByComparingTo("1");
        assertThat(store.overlayRows()).isZero();

        copy.setCollateral(0, new BigDecimal("2.50000000000"));
        assertThat(copy.overlayRows()).isZero();
        assertThat(copy.collateral(0)).isEqualByComparingTo("2.5");
        List<Position> rows = new ArrayList<>();
        copy.forEach(rows::add);
        assertThat(rows).extracting(Position::account).containsExactly("A");
    }
    @Test
    void overlayCollateralRanksAsItsExactValueAndLeavesTheOverlay() {
        PositionStore store = PositionStore.builder("M", new AccountDictionary())
                .add("a", 1, 100_000_000L, 100_000_000L, new BigDecimal("2.0000000000000003"), 2)
                .add("b", -1, 100_000_000L, 100_000_000L, 250_000_000L, 3)
                .build();
        assertThat(store.overlayRows()).isEqualTo(1);
        assertThat(store.collateral(0)).isEqualByComparingTo("2.0000000000000003");
        assertThat(store.collateralDouble(0)).isEqualTo(new BigDecimal("2.0000000000000003").doubleValue());
        assertThat(store.collateralDouble(1)).isEqualTo(2.5);
        // a fill's realised PnL finer than 8 places moves the row into the overlay, and back out
        store.setCollateral(1, new BigDecimal("-7.123456789012345"));
        assertThat(store.collateralDouble(1)).isEqualTo(-7.123456789012345);
        assertThat(store.copy().collateralDouble(1)).isEqualTo(-7.123456789012345);
        store.setCollateralFixed(1, 300_000_000L);
        assertThat(store.collateralDouble(1)).isEqualTo(3.0);
        assertThat(store.collateral(1)).isEqualByComparingTo("3");
        assertThat(store.overlayRows()).isEqualTo(1);
    }

    @Test
    void aCopyWithASharedDictionaryKeepsRowsAndFindsEveryAccount() {
        PositionStore.Builder b = PositionStore.builder("M", new AccountDictionary());
        String[] names = {"delta", "alpha", "charlie", "bravo"};
        for (int i = 0; i < names.length; i++) {
            b.add(names[i], i % 2 == 0 ? 1 : -1, (i + 1) * 100_000_000L, 100_000_000L, 0, i + 2);
        }
        PositionStore store = b.build();
        store.setCollateral(2, new BigDecimal("0.123456789"));
        AccountDictionary shared = new AccountDictionary();
        shared.intern("zulu");
        shared.intern("bravo");
        PositionStore copy = store.copyWith(shared);
        assertThat(copy.accounts()).isSameAs(shared);
        assertThat(shared.size()).isEqualTo(5);
        for (int i = 0; i < names.length; i++) {
            assertThat(copy.rowOf(names[i])).isEqualTo(i);
            assertThat(copy.account(i)).isEqualTo(names[i]);
            assertThat(copy.orderKey(i)).isEqualTo(store.orderKey(i));
            assertThat(copy.size(i)).isEqualByComparingTo(store.size(i));
            assertThat(copy.side(i)).isEqualTo(store.side(i));
        }
        assertThat(copy.accountId(3)).isEqualTo(1); // bravo kept the id the shared dictionary had given it
        assertThat(copy.rowOf("zulu")).isEqualTo(-1);
        assertThat(copy.collateral(2)).isEqualByComparingTo("0.123456789");
        assertThat(copy.longTotal()).isEqualByComparingTo(store.longTotal());
        assertThat(copy.house()).isEqualByComparingTo(store.house());
        // the copy is its own: changing it leaves the original alone
        copy.setSize(0, 0);
        assertThat(store.size(0)).isEqualByComparingTo("1");
    }
}
