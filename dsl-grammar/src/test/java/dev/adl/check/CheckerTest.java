package dev.adl.check;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker on ASTs built in code, as other modules' tests build them. */
class CheckerTest {
    private static final SourcePos P = new SourcePos(1, 1, 1);
    private static final SourcePos END = new SourcePos(9, 1, 1);

    private static Expr.Num plain(String v, SourcePos pos) {
        return new Expr.Num(new BigDecimal(v), Expr.NumKind.PLAIN, v, pos);
    }

    private static Policy policy(Policy.Buffer buffer, Policy.Reduce reduce, Policy.Cap cap, Policy.Notify notify) {
        return new Policy("p", 1, List.of(), List.of(), buffer, List.of(), null, List.of(), reduce, cap, notify, P);
    }

    private static Policy.Reduce queueOnly() {
        return new Policy.Reduce(List.of(new Policy.Tier(new Policy.StrLit("all", P), null, new Policy.TierMethod.Queue(P), P)), P);
    }

    @Test
    void aMinimalPolicyIsClean() {
        assertThat(Checker.check(policy(null, queueOnly(), null, null), END)).isEmpty();
    }

    @Test
    void sharesWrittenAsPlainFractionsMustBeWithinZeroAndOne() {
        SourcePos capPos = new SourcePos(3, 5, 3);
        Policy p = policy(new Policy.Buffer(null, new Policy.MaxUse(plain("0.5", P), P), List.of(), P), queueOnly(),
                new Policy.Cap.ShareOfOpenInterest(plain("1.5", capPos), P), null);
        assertThat(Checker.check(p, END)).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("percent-out-of-range");
            assertThat(d.message()).isEqualTo("share `1.5` is outside 0% to 100%");
            assertThat(d.line()).isEqualTo(3);
            assertThat(d.col()).isEqualTo(5);
        });
    }

    @Test
    void quintileOutsideOneToFiveAndMissingReduce() {
        SourcePos value = new SourcePos(4, 25, 1);
        List<Diagnostic> ds = Checker.check(policy(null, null, null, new Policy.Notify(0, P, value)), END);
        assertThat(ds).extracting(Diagnostic::code).containsExactlyInAnyOrder("bad-quintile", "missing-reduce");
        assertThat(ds).filteredOn(d -> d.code().equals("missing-reduce")).singleElement()
                .satisfies(d -> assertThat(d.line()).isEqualTo(9));
    }
}
