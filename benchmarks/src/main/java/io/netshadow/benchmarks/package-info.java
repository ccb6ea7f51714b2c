/**
 * JMH benchmarks of the forwarding, decoding and configuration paths, run through
 * {@link io.netshadow.benchmarks.BenchmarkMain} so every fork gets the JVM options the libraries need on JDK 25, and
 * {@link io.netshadow.benchmarks.ParallelChangeHarness}, which times one change to many emulated NETCONF devices at
 * once and the memory of an open session.
 */
package io.netshadow.benchmarks;
