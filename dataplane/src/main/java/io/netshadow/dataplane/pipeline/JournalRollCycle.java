package io.netshadow.dataplane.pipeline;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How often the packet journal starts a new file. Shorter cycles make smaller files that retention can delete
 * sooner.
 */
public enum JournalRollCycle
{
    /** A file per five minutes. */
    FIVE_MINUTELY(RollCycles.FIVE_MINUTELY),
    /** A file per ten minutes. */
    TEN_MINUTELY(RollCycles.TEN_MINUTELY),
    /** A file per half hour. */
    HALF_HOURLY(RollCycles.HALF_HOURLY),
    /** A file per hour. The default. */
    HOURLY(RollCycles.FAST_HOURLY),
    /** A file per two hours. */
    TWO_HOURLY(RollCycles.TWO_HOURLY),
    /** A file per six hours. */
    SIX_HOURLY(RollCycles.SIX_HOURLY),
    /** A file per day. */
    DAILY(RollCycles.FAST_DAILY),
    /** A file per week. */
    WEEKLY(RollCycles.WEEKLY);

    private final RollCycle rollCycle;

    JournalRollCycle(final RollCycle rollCycle)
    {
        this.rollCycle = rollCycle;
    }

    RollCycle chronicleRollCycle()
    {
        return rollCycle;
    }
}
