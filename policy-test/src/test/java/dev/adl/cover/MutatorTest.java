package dev.adl.cover;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.check.Frontend;
import dev.adl.diag.SourcePos;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MutatorTest {
    private static Policy parse(String text) {
        var a = Frontend.analyze("p.adl", text);
        assertThat(a.hasErrors()).as(a.diagnostics().toString()).isFalse();
        return a.policy();
    }

    @Test
    void eachMutantHasExactlyOneChangeAndTheOriginalIsUntouched() {
        Policy p = parse("""
                policy "p" version 1
                buffer {
                  max_use 5% per event
                  trigger when shortfall > 2_000
                }
                eligible when upnl > 0
                rank by leverage when size >= 10
                rank by size
                reduce {
                  tier "a" when leverage >= 20 : pro_rata 100%
                  tier "b" : queue
                }
                notify when quintile >= 5
                """);
        List<String> all = Mutator.mutants(p).stream().map(Mutant::describe).toList();
        assertThat(all).containsExactly(
                "line 3: percentage changed: `5%` -> `2.5%`",
                "line 3: percentage changed: `5%` -> `7.5%`",
                "line 4: comparison flipped: `>` -> `<`",
                "line 4: number nudged: `2_000` -> `1800`",
                "line 4: number nudged: `2_000` -> `2200`",
                "line 6: comparison flipped: `>` -> `<`",
                "line 7: comparison flipped: `>=` -> `<=`",
                "line 7: number nudged: `10` -> `9`",
                "line 7: number nudged: `10` -> `11`",
                "line 7: rank-by branch dropped: branch 1 of 2 removed",
                "line 10: comparison flipped: `>=` -> `<=`",
                "line 10: number nudged: `20` -> `18`",
                "line 10: number nudged: `20` -> `22`",
                "line 10: percentage changed: `100%` -> `90%`",
                "line 10: percentage changed: `100%` -> `110%`",
                "line 10: tier order swapped: tier `a` and tier `b` exchanged",
                "line 13: number nudged: quintile `5` -> `4`");
        // the AST is made of records: the original keeps its values
        assertThat(p.buffer().maxUse().fraction().value()).isEqualByComparingTo("0.05");
        assertThat(p.reduce().tiers()).extracting(t -> t.name().value()).containsExactly("a", "b");
    }

    @Test
    void mutantsRebuildTheRecordsTheyChange() {
        Policy p = parse("""
                policy "p" version 1
                rank by leverage when upnl > 1.5
                rank by size
                reduce {
                  tier "a" : queue
                  tier "b" : queue
                }
                """);
        List<Mutant> ms = Mutator.mutants(p);
        Mutant swapped = ms.stream().filter(m -> m.operator().equals("tier order swapped")).findFirst().orElseThrow();
        assertThat(swapped.policy().reduce().tiers()).extracting(t -> t.name().value()).containsExactly("b", "a");
        Mutant dropped = ms.stream().filter(m -> m.operator().equals("rank-by branch dropped")).findFirst()
                .orElseThrow();
        assertThat(dropped.policy().ranks()).hasSize(1);
        assertThat(dropped.policy().ranks().get(0).condition()).isNull();
        Mutant nudged = ms.stream().filter(m -> m.change().equals("`1.5` -> `1.65`")).findFirst().orElseThrow();
        Expr.Binary cond = (Expr.Binary) nudged.policy().ranks().get(0).condition();
        assertThat(((Expr.Num) cond.right()).value()).isEqualByComparingTo("1.65");
    }

    @Test
    void zeroIsNotNudgedAndDurationsMoveByWholeSeconds() {
        Expr.Num zero = new Expr.Num(BigDecimal.ZERO, Expr.NumKind.PLAIN, "0", SourcePos.NONE);
        assertThat(Mutator.nudges(zero)).isEmpty();
        Expr.Num hours = new Expr.Num(BigDecimal.valueOf(28800), Expr.NumKind.DURATION, "8h", SourcePos.NONE);
        assertThat(Mutator.nudges(hours)).extracting(Expr.Num::text).containsExactly("432m", "528m");
        Expr.Num second = new Expr.Num(BigDecimal.ONE, Expr.NumKind.DURATION, "1s", SourcePos.NONE);
        assertThat(Mutator.nudges(second)).extracting(Expr.Num::text).containsExactly("2s");
        Expr.Num days = new Expr.Num(BigDecimal.valueOf(864_000), Expr.NumKind.DURATION, "10d", SourcePos.NONE);
        assertThat(Mutator.nudges(days)).extracting(Expr.Num::text).containsExactly("9d", "11d");
    }

    @Test
    void tierKindsAndFillAtHaveTheirMutantsAndTierSwapsKeepFillAt() {
        Policy p = parse("""
                policy "k" version 2
                rank by upnl
                reduce {
                  tier "cut" when upnl > 0 : haircut by size cap 15% of upnl
                  tier "drain" : drain by leverage
                  fill at mark_price
                }
                """);
        List<Mutant> mutants = Mutator.mutants(p);
        assertThat(mutants).extracting(Mutant::describe).containsExactly(
                "line 4: comparison flipped: `>` -> `<`",
                "line 4: tier kind changed: `haircut` -> `queue`",
                "line 4: percentage changed: `15%` -> `7.5%`",
                "line 4: percentage changed: `15%` -> `22.5%`",
                "line 4: tier order swapped: tier `cut` and tier `drain` exchanged",
                "line 5: tier kind changed: `drain` -> `queue`",
                "line 6: fill price swapped: `mark_price` -> `bankruptcy_price`");
        Mutant queue = mutants.get(1);
        assertThat(queue.policy().reduce().tiers().get(0).method()).isInstanceOf(Policy.TierMethod.Queue.class);
        Mutant lower = mutants.get(2);
        assertThat(((Policy.TierMethod.Haircut) lower.policy().reduce().tiers().get(0).method()).cap().value())
                .isEqualByComparingTo("0.075");
        // every mutant but the swapped price keeps `fill at mark_price`
        assertThat(mutants.subList(0, 6)).allSatisfy(m ->
                assertThat(m.policy().reduce().fillAt().price()).isEqualTo(Policy.FillPrice.MARK_PRICE));
        assertThat(mutants.get(6).policy().reduce().fillAt().price()).isEqualTo(Policy.FillPrice.BANKRUPTCY_PRICE);
        assertThat(p.reduce().fillAt().price()).isEqualTo(Policy.FillPrice.MARK_PRICE);
    }
}
