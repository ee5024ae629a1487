package dev.adl.check;

/** Where an expression is evaluated: once per candidate position, or once per event. */
enum Scope {
    POSITION, MARKET
}
