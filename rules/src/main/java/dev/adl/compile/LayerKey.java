package dev.adl.compile;

/**
 * A market value of one waterfall layer that a version 2 policy reads: the layer's
 * {@code balance("<layer>")} ({@code windowSeconds} = {@link #BALANCE}), or its
 * {@code drawdown("<layer>", <window>)}. Layers are named by index (waterfall order), never
 * by their text, so a layer name never reaches generated code.
 */
public record LayerKey(int layer, long windowSeconds) {
    public static final long BALANCE = -1;

    public static LayerKey balance(int layer) {
        return new LayerKey(layer, BALANCE);
    }

    public boolean isBalance() {
        return windowSeconds == BALANCE;
    }
}
