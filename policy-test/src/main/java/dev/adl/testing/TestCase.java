package dev.adl.testing;

import java.nio.file.Path;

/**
 * One case of a suite, with every template and table row already merged in.
 *
 * @param id     the case's name as reports show it: {@code <suite file>: <case>[ <row>]}
 * @param inputs the market and event, or the error reading them produced
 */
public record TestCase(Path suiteFile, String name, String id, Path policyFile, Inputs inputs, Expectation expect) {
}
