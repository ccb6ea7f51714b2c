package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.yaml.UnitDeserializers;

import java.util.Objects;

/**
 * How changes are deployed ({@code changes:}).
 *
 * @param maxVerdictWaitNs longest wait for the forecaster's verdict on a wave; a wave without one by then is rolled
 *                         back, {@code max-verdict-wait}.
 * @param confirmMarginNs  time added to every confirm timeout so that the confirming commits reach the devices
 *                         after the last verdict, {@code confirm-margin}.
 */
public record ChangesConfig(long maxVerdictWaitNs, long confirmMarginNs)
{
    /** A minute per verdict, 30 s of margin. */
    public static final ChangesConfig DEFAULT = new ChangesConfig(60_000_000_000L, 30_000_000_000L);

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static ChangesConfig fromYaml(
        @JsonProperty("max-verdict-wait") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long maxVerdictWaitNs,
        @JsonProperty("confirm-margin") @JsonDeserialize(using = UnitDeserializers.DurationNs.class)
        final Long confirmMarginNs)
    {
        return new ChangesConfig(
            Objects.requireNonNullElse(maxVerdictWaitNs, DEFAULT.maxVerdictWaitNs),
            Objects.requireNonNullElse(confirmMarginNs, DEFAULT.confirmMarginNs));
    }
}
