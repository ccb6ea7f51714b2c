package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.yaml.UnitDeserializers;

import java.util.Objects;

/**
 * How the shadow network is sampled and fed ({@code shadow:}).
 *
 * @param budget      how many devices the planner samples, {@code budget}: a share ({@code 50%}) or a count.
 * @param seed        the planner's sampling seed, {@code seed}.
 * @param mirrorShare the share of flows mirrored into the shadow, {@code mirror-share}; shadow capacities and
 *                    queues are scaled by it.
 */
public record ShadowConfig(ShadowBudget budget, long seed, double mirrorShare)
{
    /** Half of the devices, seed 1, every mirrored flow replayed. */
    public static final ShadowConfig DEFAULT = new ShadowConfig(new ShadowBudget.Share(0.5), 1L, 1.0);

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static ShadowConfig fromYaml(
        @JsonProperty("budget") @JsonDeserialize(using = ConfigDeserializers.Budget.class) final ShadowBudget budget,
        @JsonProperty("seed") final Long seed,
        @JsonProperty("mirror-share") @JsonDeserialize(using = UnitDeserializers.Share.class) final Double mirrorShare)
    {
        return new ShadowConfig(
            Objects.requireNonNullElse(budget, DEFAULT.budget),
            Objects.requireNonNullElse(seed, DEFAULT.seed),
            Objects.requireNonNullElse(mirrorShare, DEFAULT.mirrorShare));
    }
}
