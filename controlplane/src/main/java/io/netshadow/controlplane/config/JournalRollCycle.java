package io.netshadow.controlplane.config;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How often the packet journal starts a new file; old files are what retention removes.
 */
public enum JournalRollCycle
{
    /** A file every five minutes, for busy appliances with little disk. */
    FIVE_MINUTELY(RollCycles.FIVE_MINUTELY),
    /** A file an hour. The default. */
    HOURLY(RollCycles.FAST_HOURLY),
    /** A file a day. */
    DAILY(RollCycles.FAST_DAILY);

    private final RollCycles chronicleRollCycle;

    JournalRollCycle(final RollCycles chronicleRollCycle)
    {
        this.chronicleRollCycle = chronicleRollCycle;
    }

    /**
     * The Chronicle Queue roll cycle to build the journal's queue with.
     *
     * @return the roll cycle.
     */
    public RollCycle chronicleRollCycle()
    {
        return chronicleRollCycle;
    }
}
