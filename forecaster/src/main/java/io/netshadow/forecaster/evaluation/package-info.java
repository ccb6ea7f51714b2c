/**
 * Decision quality: the methods that decide whether a change stays, and their evaluation on the scenario suite.
 */
package io.netshadow.forecaster.evaluation;
