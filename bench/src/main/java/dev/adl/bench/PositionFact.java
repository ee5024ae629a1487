package dev.adl.bench;

/**
 * One position as a Drools fact: the design a Drools user writes first, and the one the
 * engine avoids. Derived values are getters so the rules read like the policy.
 */
public final class PositionFact {
    private final int row;
    private final int side;
    private final int orderKey;
    private final double size;
    private final double entryPrice;
    private final double collateral;
    private final double extNotional;
    private final double extCollateral;
    private final double mark;
    private double score;

    public PositionFact(int row, int side, int orderKey, double size, double entryPrice, double collateral, double extNotional,
                        double extCollateral, double mark) {
        this.row = row;
        this.side = side;
        this.orderKey = orderKey;
        this.size = size;
        this.entryPrice = entryPrice;
        this.collateral = collateral;
        this.extNotional = extNotional;
        this.extCollateral = extCollateral;
        this.mark = mark;
    }

    public int getRow() { return row; }
    public int getSide() { return side; }
    public int getOrderKey() { return orderKey; }
    public double getSize() { return size; }
    public double getUpnl() { return side * size * (mark - entryPrice); }
    public double getPnlPct() { return getUpnl() / (size * entryPrice); }
    public double getEffLeverage() {
        return (size * mark + extNotional) / (collateral + getUpnl() + extCollateral);
    }
    public double getScore() { return score; }
    public void setScore(double score) { this.score = score; }
}
