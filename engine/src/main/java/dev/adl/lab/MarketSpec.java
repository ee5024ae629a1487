package dev.adl.lab;

import java.math.BigDecimal;

/**
 * One row of a venue's markets.csv.
 *
 * @param policy     the policy file, relative to the venue folder
 * @param fundLayer  the buffers.json layer the market's version 1 fund draws on; null when
 *                   markets.csv has no {@code fund} column (then {@link PathLayers} decides)
 */
public record MarketSpec(String market, BigDecimal lotSize, BigDecimal markPrice, BigDecimal maintenanceMargin,
                         String policy, String fundLayer) {
}
