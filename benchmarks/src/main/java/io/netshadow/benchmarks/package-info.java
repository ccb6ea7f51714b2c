/**
 * JMH benchmarks of the forwarding, decoding and configuration paths, run through
 * {@link io.netshadow.benchmarks.BenchmarkMain} so every fork gets the JVM options the libraries need on JDK 25.
 */
package io.netshadow.benchmarks;
