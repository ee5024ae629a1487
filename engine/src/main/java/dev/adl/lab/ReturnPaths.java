package dev.adl.lab;

import dev.adl.runtime.InputException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Each path's returns, per market and step. Explicit returns are used as written. A shock
 * draws, per step, independent standard normals (Box-Muller over a {@link SplittableRandom}
 * seeded from the run's seed and the path number alone, so a path is the same whatever
 * thread runs it and whatever policy it is run under), correlates them with the Cholesky
 * factor of the correlation matrix, and gives market i the return
 * {@code mu_i + vol_i * x_i} with {@code (1 + mu_i)^steps = 1 + drift_i}: the steps are
 * independent, so the expected total return {@code E[prod(1 + r_t)] = (1 + mu_i)^steps}
 * is exactly the drift. A drawn return is rounded to 12 decimal places, half-up, and from
 * there on is an exact decimal. StrictMath keeps the draws the same on every platform.
 */
public final class ReturnPaths {
    static final int RETURN_SCALE = 12;

    private final StressScenario scenario;
    private final List<String> markets;
    private final double[][] cholesky;
    private final double[] mu;
    private final double[] vol;

    public ReturnPaths(StressScenario scenario, List<String> markets) {
        this.scenario = scenario;
        this.markets = List.copyOf(markets);
        int n = markets.size();
        mu = new double[n];
        vol = new double[n];
        if (scenario.shock() != null) {
            for (int i = 0; i < n; i++) {
                double drift = scenario.shock().drift().getOrDefault(markets.get(i), 0.0);
                mu[i] = StrictMath.pow(1 + drift, 1.0 / scenario.steps()) - 1;
                vol[i] = scenario.shock().vol().getOrDefault(markets.get(i), 0.0);
            }
            cholesky = cholesky(correlation(scenario.shock(), markets));
        } else {
            cholesky = null;
        }
    }

    /** Per-step mean return of each market, in market order (0 without a shock). */
    public double[] stepMeans() {
        return mu.clone();
    }

    /** returns[market][step - 1] of path {@code path} (1-based) under {@code seed}. */
    public BigDecimal[][] path(long seed, int path) {
        int n = markets.size();
        int steps = scenario.steps();
        BigDecimal[][] out = new BigDecimal[n][steps];
        if (scenario.returns() != null) {
            for (int i = 0; i < n; i++) {
                List<BigDecimal> given = scenario.returns().get(markets.get(i));
                for (int t = 0; t < steps; t++) out[i][t] = given == null ? BigDecimal.ZERO : given.get(t);
            }
            return out;
        }
        SplittableRandom rnd = new SplittableRandom(pathSeed(seed, path));
        double[] z = new double[n];
        for (int t = 0; t < steps; t++) {
            normals(rnd, z);
            for (int i = 0; i < n; i++) {
                double x = 0;
                for (int k = 0; k <= i; k++) x += cholesky[i][k] * z[k];
                double r = Math.max(-1.0, mu[i] + vol[i] * x);
                out[i][t] = new BigDecimal(r).setScale(RETURN_SCALE, RoundingMode.HALF_UP);
            }
        }
        return out;
    }

    /** A path's own seed: the run's seed and the path number through a 64-bit mix (SplitMix64's finaliser). */
    static long pathSeed(long seed, int path) {
        long z = seed + 0x9E3779B97F4A7C15L * path;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void normals(SplittableRandom rnd, double[] z) {
        for (int i = 0; i < z.length; i += 2) {
            double u1 = 1.0 - rnd.nextDouble(); // (0, 1]: the logarithm is finite
            double u2 = rnd.nextDouble();
            double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
            z[i] = radius * StrictMath.cos(2 * Math.PI * u2);
            if (i + 1 < z.length) z[i + 1] = radius * StrictMath.sin(2 * Math.PI * u2);
        }
    }

    static double[][] correlation(StressScenario.Shock shock, List<String> markets) {
        int n = markets.size();
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            c[i][i] = 1;
            for (int j = 0; j < i; j++) {
                String a = markets.get(i);
                String b = markets.get(j);
                String key = a.compareTo(b) < 0 ? a + "/" + b : b + "/" + a;
                double rho = shock.correlation().getOrDefault(key, 0.0);
                c[i][j] = rho;
                c[j][i] = rho;
            }
        }
        return c;
    }

    /**
     * The lower factor L with L L^T = c. A correlation matrix may be singular (two markets
     * with correlation 1): a pivot within rounding of 0 leaves its column 0; one clearly
     * below 0 means the pairs given are not a correlation matrix.
     */
    static double[][] cholesky(double[][] c) {
        int n = c.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = c[i][j];
                for (int k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
                if (i == j) {
                    if (sum < -1e-9) {
                        throw new InputException("the scenario's correlations do not form a correlation matrix "
                                + "(it is not positive semi-definite)");
                    }
                    l[i][i] = sum <= 1e-12 ? 0 : StrictMath.sqrt(sum);
                } else {
                    l[i][j] = l[j][j] == 0 ? 0 : sum / l[j][j];
                }
            }
        }
        return l;
    }
}
