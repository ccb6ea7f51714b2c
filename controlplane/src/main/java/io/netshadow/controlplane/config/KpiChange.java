package io.netshadow.controlplane.config;

import java.math.BigDecimal;

/**
 * How far a KPI may move from its pre-change baseline before a change is harmful: by an amount in the KPI's own
 * unit ({@code +0.02}) or by a share of the baseline ({@code +50%}, {@code -30%}). The sign says which way is worse.
 *
 * @param amount   the signed change: in the KPI's unit, or as a fraction of the baseline when relative.
 * @param relative whether the amount is a fraction of the baseline.
 */
public record KpiChange(double amount, boolean relative)
{
    /**
     * Parses a signed change: {@code +0.02} is absolute, {@code +50%} and {@code -30%} are relative.
     *
     * @param text the change.
     * @return the change.
     * @throws IllegalArgumentException when the text is not such a change.
     */
    public static KpiChange parse(final String text)
    {
        final String change = text.strip();
        final boolean relative = change.endsWith("%");
        try
        {
            final double value = Double.parseDouble(relative ? change.substring(0, change.length() - 1).strip() : change);
            if (!Double.isFinite(value))
            {
                throw new NumberFormatException(change);
            }
            return new KpiChange(relative ? value / 100 : value, relative);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("expected a change such as +0.02 (absolute) or +50% or -30% " +
                "(relative to the baseline), got '" + text + "'");
        }
    }

    /**
     * The change as written in a config file.
     *
     * @return such as {@code +0.02} or {@code -30%}.
     */
    @Override
    public String toString()
    {
        final BigDecimal shown = BigDecimal.valueOf(relative ? amount * 100 : amount).stripTrailingZeros();
        return (amount >= 0 ? "+" : "") + shown.toPlainString() + (relative ? "%" : "");
    }
}
