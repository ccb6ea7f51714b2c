package io.netshadow.dataplane.pipeline;

/**
 * One counter's value at the moment it was read.
 *
 * @param label the counter's label, such as {@code ingest.ring_full}.
 * @param value its value.
 */
public record CounterValue(String label, long value)
{
}
