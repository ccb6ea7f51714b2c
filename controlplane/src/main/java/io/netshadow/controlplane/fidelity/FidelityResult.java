package io.netshadow.controlplane.fidelity;

import java.util.Arrays;
import java.util.List;

/**
 * Everything one fidelity run measured: the network, the changes, and per budget the shadow and its rows.
 *
 * @param profileName    where the profile came from.
 * @param networkDevices devices in the whole network.
 * @param packets        packets sent in the measurement window on the whole network.
 * @param wholeBaseline  the whole network's KPIs before any change.
 * @param changes        the changes, in row order.
 * @param budgets        the results per budget, in the order asked.
 * @param command        the options the run was made with, as a command line.
 */
public record FidelityResult(
    String profileName,
    int networkDevices,
    long packets,
    Kpis wholeBaseline,
    List<FidelityChange> changes,
    List<Budget> budgets,
    String command)
{
    /**
     * One budget's shadow and how well it predicted every change.
     *
     * @param budget         the budget as given.
     * @param sampled        devices the budget sampled; 0 when no plan could be made.
     * @param shadowDevices  devices in the shadow, path closure included.
     * @param shadowPackets  packets the shadow carried in the window.
     * @param shadowBaseline the shadow's weighted KPIs before any change.
     * @param rows           one per change.
     * @param error          why there is no shadow at this budget, or empty.
     */
    public record Budget(
        String budget,
        int sampled,
        int shadowDevices,
        long shadowPackets,
        Kpis shadowBaseline,
        List<FidelityRow> rows,
        String error)
    {
        /**
         * The median relative error of the predicted loss change over the rows with a prediction.
         *
         * @return the median, NaN when there is none.
         */
        public double medianLossError()
        {
            return median(rows.stream().filter(row -> row.note().isEmpty())
                .mapToDouble(FidelityRow::lossError)
                .toArray());
        }

        /**
         * The median relative error of the predicted p99 change over the rows with a prediction.
         *
         * @return the median, NaN when there is none.
         */
        public double medianP99Error()
        {
            return median(rows.stream().filter(row -> row.note().isEmpty())
                .mapToDouble(FidelityRow::p99Error)
                .toArray());
        }

        /**
         * How many changes got the whole network's verdict.
         *
         * @return the count.
         */
        public long agreeingVerdicts()
        {
            return rows.stream().filter(FidelityRow::verdictsAgree).count();
        }
    }

    static double median(final double[] values)
    {
        if (0 == values.length)
        {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int middle = sorted.length / 2;
        return 0 == sorted.length % 2 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle];
    }
}
