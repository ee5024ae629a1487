package dev.adl.grammar;

import dev.adl.ast.Expr;
import dev.adl.diag.Diagnostic;
import dev.adl.diag.SourcePos;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/** Builds expression nodes from the parse tree: the {@code expr} part of {@link AstBuilder}'s job. */
final class ExprBuilder {
    private final Spans spans;
    private final List<Diagnostic> out;
    private final Visitor visitor = new Visitor();

    ExprBuilder(Spans spans, List<Diagnostic> out) {
        this.spans = spans;
        this.out = out;
    }

    Expr visit(AdlParser.ExprContext ctx) {
        return visitor.visit(ctx);
    }

    private Expr expr(AdlParser.ExprContext ctx) {
        return visitor.visit(ctx);
    }

    /** One visit method per labelled alternative of {@code expr} in Adl.g4. */
    private final class Visitor extends AdlBaseVisitor<Expr> {
        @Override
        public Expr visitNegExpr(AdlParser.NegExprContext e) {
            return new Expr.Unary(Expr.UnaryOp.NEG, expr(e.operand), spans.of(e));
        }

        @Override
        public Expr visitNotExpr(AdlParser.NotExprContext e) {
            return new Expr.Unary(Expr.UnaryOp.NOT, expr(e.operand), spans.of(e));
        }

        @Override
        public Expr visitMulExpr(AdlParser.MulExprContext e) {
            return binary(e.op, e.left, e.right, spans.of(e));
        }

        @Override
        public Expr visitAddExpr(AdlParser.AddExprContext e) {
            return binary(e.op, e.left, e.right, spans.of(e));
        }

        @Override
        public Expr visitCmpExpr(AdlParser.CmpExprContext e) {
            return binary(e.op, e.left, e.right, spans.of(e));
        }

        @Override
        public Expr visitAndExpr(AdlParser.AndExprContext e) {
            return new Expr.Binary(Expr.BinaryOp.AND, expr(e.left), expr(e.right), spans.of(e));
        }

        @Override
        public Expr visitOrExpr(AdlParser.OrExprContext e) {
            return new Expr.Binary(Expr.BinaryOp.OR, expr(e.left), expr(e.right), spans.of(e));
        }

        @Override
        public Expr visitLiteralExpr(AdlParser.LiteralExprContext e) {
            return AstBuilder.num(e.literal());
        }

        @Override
        public Expr visitExposureExpr(AdlParser.ExposureExprContext e) {
            return exposure(e, spans.of(e));
        }

        @Override
        public Expr visitLayerCallExpr(AdlParser.LayerCallExprContext e) {
            List<Expr> args = new ArrayList<>();
            args.add(new Expr.LayerName(LexicalCheck.unescape(e.layer.getText()), Spans.of(e.layer)));
            e.expr().forEach(a -> args.add(expr(a)));
            return new Expr.Call(e.name.getText(), args, spans.of(e));
        }

        @Override
        public Expr visitCallExpr(AdlParser.CallExprContext e) {
            return new Expr.Call(e.name.getText(), e.expr().stream().map(ExprBuilder.this::expr).toList(), spans.of(e));
        }

        @Override
        public Expr visitVarExpr(AdlParser.VarExprContext e) {
            return new Expr.Var(e.name.getText(), spans.of(e));
        }

        @Override
        public Expr visitParenExpr(AdlParser.ParenExprContext e) {
            return expr(e.inner);
        }
    }

    private Expr binary(Token op, AdlParser.ExprContext left, AdlParser.ExprContext right, SourcePos pos) {
        Expr.BinaryOp binaryOp = switch (op.getType()) {
            case AdlLexer.PLUS -> Expr.BinaryOp.ADD;
            case AdlLexer.MINUS -> Expr.BinaryOp.SUB;
            case AdlLexer.STAR -> Expr.BinaryOp.MUL;
            case AdlLexer.SLASH -> Expr.BinaryOp.DIV;
            case AdlLexer.LT -> Expr.BinaryOp.LT;
            case AdlLexer.LE -> Expr.BinaryOp.LE;
            case AdlLexer.GT -> Expr.BinaryOp.GT;
            case AdlLexer.GE -> Expr.BinaryOp.GE;
            case AdlLexer.EQ -> Expr.BinaryOp.EQ;
            case AdlLexer.NE -> Expr.BinaryOp.NE;
            default -> throw new IllegalStateException("unknown operator " + op.getText());
        };
        return new Expr.Binary(binaryOp, expr(left), expr(right), pos);
    }

    private Expr exposure(AdlParser.ExposureExprContext e, SourcePos pos) {
        String field = e.field.getText();
        Expr.ExposureField f = Expr.ExposureField.NOTIONAL;
        if (field.equals("collateral")) {
            f = Expr.ExposureField.COLLATERAL;
        } else if (!field.equals("notional")) {
            out.add(Diagnostic.error("unknown-exposure-field", "unknown exposure field `" + field + "`",
                    Spans.of(e.field), "use `.notional` or `.collateral`"));
        }
        return new Expr.Exposure(LexicalCheck.unescape(e.source.getText()), f, pos, Spans.of(e.source));
    }

}
