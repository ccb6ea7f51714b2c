package io.netshadow.controlplane.orchestrator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Runs one task per device at once, each on its own virtual thread (device I/O blocks), and waits for all of them.
 * An {@link Error} in a task is rethrown: it stops the orchestrator as it would stop the process.
 */
final class ParallelDevices
{
    private static final ThreadFactory THREADS = Thread.ofVirtual().name("netshadow-device-", 0).factory();

    private ParallelDevices()
    {
    }

    /**
     * A task on one device that may fail.
     *
     * @param <T> what it works on.
     */
    @FunctionalInterface
    interface Task<T>
    {
        void run(T item) throws DeviceException;
    }

    /**
     * Runs a task on every item and returns the failures' messages, in item order; empty when all succeeded.
     */
    static <T> List<String> forEach(final List<T> items, final Task<T> task)
    {
        final List<Callable<String>> calls = new ArrayList<>();
        for (final T item : items)
        {
            calls.add(() ->
            {
                try
                {
                    task.run(item);
                    return null;
                }
                catch (final DeviceException ex)
                {
                    return ex.getMessage();
                }
                catch (final RuntimeException ex)
                {
                    return item + ": " + ex;
                }
            });
        }
        final List<String> failures = new ArrayList<>();
        for (final String failure : invokeAll(calls))
        {
            if (null != failure)
            {
                failures.add(failure);
            }
        }
        return failures;
    }

    /**
     * Maps every item, in item order.
     */
    static <T, R> List<R> map(final List<T> items, final Function<T, R> function)
    {
        final List<Callable<R>> calls = new ArrayList<>();
        for (final T item : items)
        {
            calls.add(() -> function.apply(item));
        }
        return invokeAll(calls);
    }

    private static <R> List<R> invokeAll(final List<Callable<R>> calls)
    {
        final List<Future<R>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(THREADS))
        {
            for (final Callable<R> call : calls)
            {
                futures.add(executor.submit(call));
            }
        }
        final List<R> results = new ArrayList<>();
        for (final Future<R> future : futures)
        {
            results.add(resultOf(future));
        }
        return results;
    }

    private static <R> R resultOf(final Future<R> future)
    {
        try
        {
            return future.get();
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof final Error error)
            {
                throw error;
            }
            throw new IllegalStateException("device task failed", ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting device results", ex);
        }
    }
}
