package io.netshadow.dataplane.pipeline;

import java.util.BitSet;

/**
 * A set of CPU ids, written as Linux writes CPU lists ({@code 2}, {@code 0-3}, {@code 1,3-5}). Immutable.
 */
public final class CpuSet
{
    /** The largest CPU id accepted, {@code CONFIG_NR_CPUS}' ceiling on Linux. */
    public static final int MAX_CPU = 8191;

    private final BitSet cpus;

    private CpuSet(final BitSet cpus)
    {
        this.cpus = cpus;
    }

    /**
     * Parses a CPU list.
     *
     * @param text such as {@code 2}, {@code 0-3} or {@code 1,3-5}.
     * @return the set, never empty.
     * @throws IllegalArgumentException naming the part that is not a CPU id or range, or a CPU above {@link #MAX_CPU}.
     */
    public static CpuSet parse(final String text)
    {
        final BitSet cpus = new BitSet();
        if (null == text || text.isBlank())
        {
            throw new IllegalArgumentException("needs a CPU list such as 2, 0-3 or 1,3-5");
        }
        for (final String part : text.split(",", -1))
        {
            final String range = part.strip();
            final int dash = range.indexOf('-');
            final int first = cpuId(-1 == dash ? range : range.substring(0, dash), text);
            final int last = -1 == dash ? first : cpuId(range.substring(dash + 1), text);
            if (last < first)
            {
                throw new IllegalArgumentException(
                    "CPU range " + range + " in '" + text + "' runs backwards; write " + last + "-" + first);
            }
            cpus.set(first, last + 1);
        }
        return new CpuSet(cpus);
    }

    /**
     * A set of the given CPUs.
     *
     * @param cpus CPU ids, at least one.
     * @return the set.
     * @throws IllegalArgumentException when empty or an id is out of range.
     */
    public static CpuSet of(final int... cpus)
    {
        final BitSet set = new BitSet();
        for (final int cpu : cpus)
        {
            if (cpu < 0 || cpu > MAX_CPU)
            {
                throw new IllegalArgumentException("CPU id " + cpu + " is outside 0.." + MAX_CPU);
            }
            set.set(cpu);
        }
        if (set.isEmpty())
        {
            throw new IllegalArgumentException("a CPU set needs at least one CPU");
        }
        return new CpuSet(set);
    }

    static CpuSet ofBits(final BitSet cpus)
    {
        return new CpuSet((BitSet)cpus.clone());
    }

    /**
     * Whether a CPU is in the set.
     *
     * @param cpu the CPU id.
     * @return true when it is.
     */
    public boolean contains(final int cpu)
    {
        return cpu >= 0 && cpus.get(cpu);
    }

    /**
     * The CPU ids, ascending.
     *
     * @return a new array.
     */
    public int[] cpus()
    {
        return cpus.stream().toArray();
    }

    /**
     * The highest CPU id in the set.
     *
     * @return the id.
     */
    public int highestCpu()
    {
        return cpus.length() - 1;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof CpuSet that && cpus.equals(that.cpus);
    }

    @Override
    public int hashCode()
    {
        return cpus.hashCode();
    }

    /**
     * The set as a Linux CPU list, ranges folded.
     *
     * @return such as {@code 0-3,6}.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        int first = cpus.nextSetBit(0);
        while (first >= 0)
        {
            final int end = cpus.nextClearBit(first);
            if (!text.isEmpty())
            {
                text.append(',');
            }
            text.append(first);
            if (end - 1 > first)
            {
                text.append('-').append(end - 1);
            }
            first = cpus.nextSetBit(end);
        }
        return text.toString();
    }

    private static int cpuId(final String text, final String list)
    {
        final int cpu;
        try
        {
            cpu = Integer.parseInt(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + text.strip() + "' in CPU list '" + list +
                "' is not a CPU id; write a list such as 2, 0-3 or 1,3-5");
        }
        if (cpu < 0 || cpu > MAX_CPU)
        {
            throw new IllegalArgumentException("CPU id " + cpu + " in '" + list + "' is outside 0.." + MAX_CPU);
        }
        return cpu;
    }
}
