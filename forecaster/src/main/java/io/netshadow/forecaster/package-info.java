/**
 * Streaming KPI models and change verdicts: a Random Cut Forest per series that forecasts and grades anomalies, and a
 * sequential test per change that judges it harmful, harmless or undecided from what follows it.
 */
package io.netshadow.forecaster;
