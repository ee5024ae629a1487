package dev.adl.check;

import dev.adl.ast.Expr;
import dev.adl.ast.Policy;
import dev.adl.diag.SourcePos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference policy of LANGUAGE.md, verbatim: it checks clean and the AST says what the text says. */
class ReferencePolicyTest {
    private static Policy policy;
    private static Analysis analysis;

    @BeforeAll
    static void analyze() throws IOException {
        String text = Files.readString(Path.of("src", "test", "resources", "reference.adl"), StandardCharsets.UTF_8);
        analysis = Frontend.analyze("reference.adl", text);
        policy = analysis.policy();
    }

    @Test
    void checksWithoutDiagnostics() {
        assertThat(analysis.diagnostics()).isEmpty();
        assertThat(policy).isNotNull();
    }

    @Test
    void headerMarketsAndInputs() {
        assertThat(policy.name()).isEqualTo("perp-queue");
        assertThat(policy.version()).isEqualTo(1);
        assertThat(policy.markets()).extracting(Policy.StrLit::value).containsExactly("BTC-PERP", "ETH-PERP");
        assertThat(policy.inputs()).singleElement().satisfies(in -> {
            assertThat(in.source()).isEqualTo("venue-b");
            assertThat(in.staleAfterSeconds()).isEqualTo(60);
        });
    }

    @Test
    void buffer() {
        Policy.Buffer b = policy.buffer();
        assertThat(b.floor()).isInstanceOf(Policy.Floor.Amount.class);
        assertThat(((Policy.Floor.Amount) b.floor()).amount().value()).isEqualByComparingTo("250000");
        assertThat(b.maxUse().fraction().value()).isEqualByComparingTo("0.50");
        assertThat(b.triggers()).singleElement().satisfies(t -> {
            Expr.Binary gt = (Expr.Binary) t.condition();
            assertThat(gt.op()).isEqualTo(Expr.BinaryOp.GT);
            Expr.Call drawdown = (Expr.Call) gt.left();
            assertThat(drawdown.function()).isEqualTo("drawdown");
            Expr.Num window = (Expr.Num) drawdown.args().get(0);
            assertThat(window.kind()).isEqualTo(Expr.NumKind.DURATION);
            assertThat(window.value()).isEqualByComparingTo("28800");
            assertThat(((Expr.Num) gt.right()).value()).isEqualByComparingTo("0.30");
            assertThat(t.pos()).isEqualTo(new SourcePos(12, 3, 31));
        });
    }

    @Test
    void letsInOrder() {
        assertThat(policy.lets()).extracting(Policy.Let::name).containsExactly("ext_notional", "eff_leverage");
        Expr.Exposure ext = (Expr.Exposure) policy.lets().get(0).expr();
        assertThat(ext.source()).isEqualTo("venue-b");
        assertThat(ext.field()).isEqualTo(Expr.ExposureField.NOTIONAL);
        assertThat(ext.sourcePos()).isEqualTo(new SourcePos(15, 29, 9));
        Expr.Binary div = (Expr.Binary) policy.lets().get(1).expr();
        assertThat(div.op()).isEqualTo(Expr.BinaryOp.DIV);
        Expr.Binary denominator = (Expr.Binary) div.right();
        assertThat(((Expr.Exposure) denominator.right()).field()).isEqualTo(Expr.ExposureField.COLLATERAL);
        assertThat(policy.lets().get(1).namePos()).isEqualTo(new SourcePos(16, 5, 12));
    }

    @Test
    void eligibleAndRanks() {
        assertThat(policy.eligible().condition()).isInstanceOf(Expr.Binary.class);
        assertThat(policy.ranks()).hasSize(2);
        assertThat(policy.ranks().get(0).condition()).isNotNull();
        assertThat(((Expr.Binary) policy.ranks().get(0).score()).op()).isEqualTo(Expr.BinaryOp.MUL);
        assertThat(policy.ranks().get(1).condition()).isNull();
        assertThat(((Expr.Binary) policy.ranks().get(1).score()).op()).isEqualTo(Expr.BinaryOp.DIV);
    }

    @Test
    void reduceCapAndNotify() {
        assertThat(policy.reduce().tiers()).extracting(t -> t.name().value()).containsExactly("high-leverage", "rest");
        Policy.Tier high = policy.reduce().tiers().get(0);
        assertThat(high.condition()).isNotNull();
        Policy.TierMethod.ProRata proRata = (Policy.TierMethod.ProRata) high.method();
        assertThat(proRata.fraction().value()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(proRata.weight()).isNull();
        assertThat(policy.reduce().tiers().get(1).method()).isInstanceOf(Policy.TierMethod.Queue.class);
        assertThat(policy.reduce().tiers().get(1).condition()).isNull();

        Policy.Cap.ShareOfOpenInterest cap = (Policy.Cap.ShareOfOpenInterest) policy.cap();
        assertThat(cap.fraction().value()).isEqualByComparingTo("0.05");
        assertThat(policy.notification().quintile()).isEqualTo(4);
        assertThat(policy.notification().valuePos()).isEqualTo(new SourcePos(29, 25, 1));
    }
}
