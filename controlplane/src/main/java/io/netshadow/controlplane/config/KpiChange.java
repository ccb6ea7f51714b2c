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
    /** No threshold: the KPI is watched but never decides a verdict. */
    public static final KpiChange OFF = new KpiChange(Double.NaN, false);

    /**
     * Whether this KPI has no threshold.
     *
     * @return true for {@link #OFF}.
     */
    public boolean isOff()
    {
        return Double.isNaN(amount);
    }

    /**
     * Parses a signed change: {@code +0.02} is absolute, {@code +50%} and {@code -30%} are relative, {@code off}
     * sets no threshold.
     *
     * @param text the change.
     * @return the change.
     * @throws IllegalArgumentException when the text is not such a change.
     */
    public static KpiChange parse(final String text)
    {
        final String change = text.strip();
        if ("off".equalsIgnoreCase(change))
        {
            return OFF;
        }
        final boolean relative = change.endsWith("%");
        final String number = relative ? change.substring(0, change.length() - 1).strip() : change;
        final double value;
        try
        {
            value = Double.parseDouble(number);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(expected(text));
        }
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException(expected(text));
        }
        return new KpiChange(relative ? value / 100 : value, relative);
    }

    /**
     * The change as written in a config file.
     *
     * @return such as {@code +0.02} or {@code -30%}.
     */
    @Override
    public String toString()
    {
        if (isOff())
        {
            return "off";
        }
        final BigDecimal exact = BigDecimal.valueOf(amount);
        final BigDecimal shown = (relative ? exact.movePointRight(2) : exact).stripTrailingZeros();
        return (amount >= 0 ? "+" : "") + shown.toPlainString() + (relative ? "%" : "");
    }

    private static String expected(final String text)
    {
        return "expected a change such as +0.02 (absolute) or +50% or -30% (relative to the baseline), or off, got '" +
            text + "'";
    }
}
