package io.netshadow.controlplane.planner;

import java.math.BigDecimal;

/**
 * How many of the network's devices the shadow may hold: a share of them or a count. The devices that complete the
 * paths of the shadow's flows count toward it.
 */
public sealed interface ShadowBudget
{
    /**
     * A share of the network's devices, rounded up.
     *
     * @param share above zero and at most one.
     */
    record Share(double share) implements ShadowBudget
    {
        /**
         * Validates the share.
         *
         * @param share the share.
         */
        public Share
        {
            if (!(share > 0 && share <= 1))
            {
                throw new IllegalArgumentException("a budget share must be above 0% and at most 100%, got " +
                    share * 100 + "%");
            }
        }

        @Override
        public int deviceCount(final int networkDevices)
        {
            return Math.min(networkDevices, (int)Math.ceil(share * networkDevices - 1e-9));
        }

        @Override
        public String toString()
        {
            return BigDecimal.valueOf(share).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
    }

    /**
     * A number of devices.
     *
     * @param devices at least one.
     */
    record Count(int devices) implements ShadowBudget
    {
        /**
         * Validates the count.
         *
         * @param devices the count.
         */
        public Count
        {
            if (devices < 1)
            {
                throw new IllegalArgumentException("a budget needs at least one device, got " + devices);
            }
        }

        @Override
        public int deviceCount(final int networkDevices)
        {
            return Math.min(networkDevices, devices);
        }

        @Override
        public String toString()
        {
            return devices + (1 == devices ? " device" : " devices");
        }
    }

    /**
     * How many devices the budget allows in a network of a given size, never more than the network has.
     *
     * @param networkDevices the network's device count.
     * @return the number of devices to sample.
     */
    int deviceCount(int networkDevices);

    /**
     * Parses a budget: a percentage ({@code 50%}) or a fraction with a decimal point ({@code 0.5}) is a share; a
     * whole number ({@code 6}) is a device count.
     *
     * @param text the budget.
     * @return the budget.
     * @throws IllegalArgumentException when the text is not a budget.
     */
    static ShadowBudget parse(final String text)
    {
        final String budget = text.strip();
        try
        {
            if (budget.endsWith("%"))
            {
                return new Share(Double.parseDouble(budget.substring(0, budget.length() - 1).strip()) / 100);
            }
            if (budget.contains("."))
            {
                return new Share(Double.parseDouble(budget));
            }
            return new Count(Integer.parseInt(budget));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("expected a budget such as 50% or 0.5 (a share of the devices) or 6 " +
                "(a device count), got '" + text + "'");
        }
    }
}
