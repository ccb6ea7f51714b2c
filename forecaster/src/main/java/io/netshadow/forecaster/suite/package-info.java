/**
 * The scenario suite: paired live and shadow KPI series of changes with known answers, generated from a seed.
 */
package io.netshadow.forecaster.suite;
