/**
 * The policy compiler. {@link dev.adl.compile.PolicyCompiler} turns a checked policy into a
 * {@link dev.adl.compile.CompiledPolicy}: generated DRL (one rule per decision clause, built
 * into a KieBase) for the market-level {@link dev.adl.compile.Decision}, and a column-at-a-time
 * formula program for the per-position {@link dev.adl.compile.Evaluation}. Policy text never
 * becomes code: names, strings and globs are carried as data.
 */
package dev.adl.compile;
