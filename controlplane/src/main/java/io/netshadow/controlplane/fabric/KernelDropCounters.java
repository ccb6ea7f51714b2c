package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.fabric.DropReason;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one device namespace's drop counters, by reason, from what {@code nft list table} and
 * {@code tc -s qdisc show} print: the nftables rules' counters by the reason label their comment starts with, the
 * drops of the tbf on a policer's IFB device as policer drops, and the other tbf qdiscs' drops as queue drops.
 */
final class KernelDropCounters
{
    private static final Pattern NFT_DROP =
        Pattern.compile("counter packets (\\d+) bytes \\d+ drop comment \"([a-z-]+)");
    private static final Pattern QDISC = Pattern.compile("^qdisc (\\S+)");
    private static final Pattern DROPPED = Pattern.compile("\\(dropped (\\d+),");

    private KernelDropCounters()
    {
    }

    /**
     * Adds a namespace's counters to a per-reason array.
     *
     * @param nftListing  the output of {@code nft list table ip netshadow}.
     * @param tcListing   the output of {@code tc -s qdisc show}.
     * @param countsByReason receives the counts, indexed by {@link DropReason#ordinal()}.
     */
    static void addTo(final String nftListing, final String tcListing, final long[] countsByReason)
    {
        final Matcher nft = NFT_DROP.matcher(nftListing);
        while (nft.find())
        {
            for (final DropReason reason : DropReason.values())
            {
                if (DeviceTranslator.reasonLabel(reason).equals(nft.group(2)))
                {
                    countsByReason[reason.ordinal()] += Long.parseLong(nft.group(1));
                }
            }
        }
        String qdisc = "";
        boolean policer = false;
        for (final String line : tcListing.split("\n"))
        {
            final Matcher kind = QDISC.matcher(line);
            if (kind.find())
            {
                qdisc = kind.group(1);
                policer = line.contains(" dev " + LinuxNames.POLICER_PREFIX);
                continue;
            }
            final Matcher dropped = DROPPED.matcher(line);
            if (dropped.find())
            {
                final long count = Long.parseLong(dropped.group(1));
                if (policer && "tbf".equals(qdisc))
                {
                    countsByReason[DropReason.POLICER.ordinal()] += count;
                }
                else if ("tbf".equals(qdisc))
                {
                    countsByReason[DropReason.QUEUE_FULL.ordinal()] += count;
                }
            }
        }
    }
}
