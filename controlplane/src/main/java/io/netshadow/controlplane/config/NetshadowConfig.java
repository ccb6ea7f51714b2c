package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The appliance's configuration, {@code /etc/netshadow/netshadow.yaml}. Every field has a default, so an empty file
 * is a valid configuration; {@link ConfigLoader} loads and checks it and resolves relative paths against the
 * file's directory.
 *
 * @param profile    the network profile, {@code profile}.
 * @param ingest     where mirrored traffic arrives, {@code ingest}.
 * @param dataplane  the packet path, {@code dataplane}.
 * @param shadow     how the shadow is sampled and fed, {@code shadow}.
 * @param journal    the packet journal, {@code journal}.
 * @param history    the change history, {@code history}.
 * @param forecaster KPI thresholds and verdict timing, {@code forecaster}.
 * @param jmx        JMX publication, {@code jmx}.
 * @param api        the operators' HTTP API, {@code api}.
 * @param changes    how changes are deployed, {@code changes}.
 * @param netconf    how the live devices are reached, {@code netconf}.
 * @param redirect   redirection of live traffic through the shadow, {@code redirect}.
 * @param capture    raw SPAN ports captured through AF_PACKET, {@code capture}.
 */
public record NetshadowConfig(
    Path profile,
    IngestConfig ingest,
    DataplaneConfig dataplane,
    ShadowConfig shadow,
    JournalConfig journal,
    HistoryConfig history,
    ForecasterConfig forecaster,
    JmxConfig jmx,
    ApiConfig api,
    ChangesConfig changes,
    NetconfConfig netconf,
    RedirectConfig redirect,
    CaptureConfig capture)
{
    /** Every default: what an empty file means. */
    public static final NetshadowConfig DEFAULT = new NetshadowConfig(
        Path.of("/etc/netshadow/profile.yaml"),
        IngestConfig.DEFAULT,
        DataplaneConfig.DEFAULT,
        ShadowConfig.DEFAULT,
        JournalConfig.DEFAULT,
        HistoryConfig.DEFAULT,
        ForecasterConfig.DEFAULT,
        JmxConfig.DEFAULT,
        ApiConfig.DEFAULT,
        ChangesConfig.DEFAULT,
        NetconfConfig.DEFAULT,
        RedirectConfig.DEFAULT,
        CaptureConfig.DEFAULT);

    /**
     * Binds the whole file, giving every field it leaves out its default.
     */
    @JsonCreator
    static NetshadowConfig fromYaml(
        @JsonProperty("profile") final String profile,
        @JsonProperty("ingest") final IngestConfig ingest,
        @JsonProperty("dataplane") final DataplaneConfig dataplane,
        @JsonProperty("shadow") final ShadowConfig shadow,
        @JsonProperty("journal") final JournalConfig journal,
        @JsonProperty("history") final HistoryConfig history,
        @JsonProperty("forecaster") final ForecasterConfig forecaster,
        @JsonProperty("jmx") final JmxConfig jmx,
        @JsonProperty("api") final ApiConfig api,
        @JsonProperty("changes") final ChangesConfig changes,
        @JsonProperty("netconf") final NetconfConfig netconf,
        @JsonProperty("redirect") final RedirectConfig redirect,
        @JsonProperty("capture") final CaptureConfig capture)
    {
        return new NetshadowConfig(
            null == profile ? DEFAULT.profile : Path.of(profile),
            Objects.requireNonNullElse(ingest, DEFAULT.ingest),
            Objects.requireNonNullElse(dataplane, DEFAULT.dataplane),
            Objects.requireNonNullElse(shadow, DEFAULT.shadow),
            Objects.requireNonNullElse(journal, DEFAULT.journal),
            Objects.requireNonNullElse(history, DEFAULT.history),
            Objects.requireNonNullElse(forecaster, DEFAULT.forecaster),
            Objects.requireNonNullElse(jmx, DEFAULT.jmx),
            Objects.requireNonNullElse(api, DEFAULT.api),
            Objects.requireNonNullElse(changes, DEFAULT.changes),
            Objects.requireNonNullElse(netconf, DEFAULT.netconf),
            Objects.requireNonNullElse(redirect, DEFAULT.redirect),
            Objects.requireNonNullElse(capture, DEFAULT.capture));
    }

    NetshadowConfig resolvedAgainst(final Path base)
    {
        return new NetshadowConfig(base.resolve(profile), ingest, dataplane, shadow, journal.resolvedAgainst(base),
            history.resolvedAgainst(base), forecaster, jmx, api.resolvedAgainst(base), changes,
            netconf.resolvedAgainst(base), redirect, capture);
    }
}
