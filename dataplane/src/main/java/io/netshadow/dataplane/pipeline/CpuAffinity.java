package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.linux.Libc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Pins the calling thread to a {@link CpuSet} with Linux's {@code sched_setaffinity} and reads a thread's affinity
 * back with {@code sched_getaffinity}, both through the Foreign Function & Memory API with {@code errno} captured,
 * so a failure is reported with the kernel's reason. Used when a thread starts, never per packet.
 */
public final class CpuAffinity
{
    private static final Path ONLINE_CPUS = Path.of("/sys/devices/system/cpu/online");
    private static final long MASK_BYTES = (CpuSet.MAX_CPU + 1) / Byte.SIZE;
    private static final int CALLING_THREAD = 0;

    private static final FunctionDescriptor AFFINITY_CALL =
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle SCHED_SETAFFINITY = Libc.errnoCall("sched_setaffinity", AFFINITY_CALL);
    private static final MethodHandle SCHED_GETAFFINITY = Libc.errnoCall("sched_getaffinity", AFFINITY_CALL);

    private CpuAffinity()
    {
    }

    /**
     * The CPUs the system has online, from {@code /sys/devices/system/cpu/online}.
     *
     * @return the online CPUs.
     * @throws UncheckedIOException when the file cannot be read.
     */
    public static CpuSet onlineCpus()
    {
        try
        {
            return CpuSet.parse(Files.readString(ONLINE_CPUS).strip());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the online CPUs from " + ONLINE_CPUS, ex);
        }
    }

    /**
     * Checks that every CPU a role is given is online.
     *
     * @param role   the thread the set is for.
     * @param cpus   the set.
     * @param online the online CPUs.
     * @throws IllegalArgumentException naming the role and the first CPU that is not online.
     */
    public static void checkOnline(final AgentRole role, final CpuSet cpus, final CpuSet online)
    {
        for (final int cpu : cpus.cpus())
        {
            if (!online.contains(cpu))
            {
                throw new IllegalArgumentException("CPU pinning of " + role.configName() + ": CPU " + cpu +
                    " is not online; the online CPUs are " + online);
            }
        }
    }

    /**
     * Pins the calling thread to a set of CPUs.
     *
     * @param role what the thread is, for the message.
     * @param cpus the CPUs it may run on.
     * @throws IllegalStateException naming the role, the CPUs and the kernel's reason when the call fails.
     */
    public static void pinCurrentThread(final AgentRole role, final CpuSet cpus)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(MASK_BYTES, Long.BYTES);
            for (final int cpu : cpus.cpus())
            {
                final long wordOffset = (long)(cpu / Long.SIZE) * Long.BYTES;
                mask.set(JAVA_LONG, wordOffset, mask.get(JAVA_LONG, wordOffset) | 1L << (cpu % Long.SIZE));
            }
            final MemorySegment state = Libc.allocateCaptureState(arena);
            if (invoke(SCHED_SETAFFINITY, state, mask) < 0)
            {
                throw new IllegalStateException("cannot pin the " + role.configName() + " thread to CPUs " + cpus +
                    ": sched_setaffinity failed: " + Libc.describe(Libc.errno(state)));
            }
        }
    }

    /**
     * The CPUs the calling thread may run on.
     *
     * @return its affinity.
     * @throws IllegalStateException with the kernel's reason when the call fails.
     */
    public static CpuSet currentThreadCpus()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(MASK_BYTES, Long.BYTES);
            final MemorySegment state = Libc.allocateCaptureState(arena);
            if (invoke(SCHED_GETAFFINITY, state, mask) < 0)
            {
                throw new IllegalStateException("sched_getaffinity failed: " + Libc.describe(Libc.errno(state)));
            }
            return CpuSet.ofBits(BitSet.valueOf(mask.toArray(JAVA_LONG)));
        }
    }

    private static int invoke(final MethodHandle call, final MemorySegment state, final MemorySegment mask)
    {
        try
        {
            return (int)call.invokeExact(state, CALLING_THREAD, mask.byteSize(), mask);
        }
        catch (final Throwable ex)
        {
            throw Libc.propagate("native call", ex);
        }
    }
}
