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
 * @param budget      how many devices the shadow may hold, {@code budget}: a share ({@code 50%}) or a count.
 * @param seed        the planner's sampling seed, {@code seed}.
 * @param mirrorShare the share of flows mirrored into the shadow, {@code mirror-share}; part of the scale of the
 *                    shadow's capacities, queues, policers and shapers (see
 *                    {@link io.netshadow.controlplane.planner.ShadowScale}).
 * @param fabric      which fabric runs the shadow, {@code fabric}: {@code emulated} (the default) or {@code linux}.
 */
public record ShadowConfig(ShadowBudget budget, long seed, double mirrorShare, ShadowFabricKind fabric)
{
    /** Half of the devices, seed 1, every mirrored flow replayed, on the emulated fabric. */
    public static final ShadowConfig DEFAULT =
        new ShadowConfig(new ShadowBudget.Share(0.5), 1L, 1.0, ShadowFabricKind.EMULATED);

    /**
     * A shadow on the emulated fabric.
     *
     * @param budget      how many devices the planner samples.
     * @param seed        the planner's sampling seed.
     * @param mirrorShare the share of flows mirrored into the shadow.
     */
    public ShadowConfig(final ShadowBudget budget, final long seed, final double mirrorShare)
    {
        this(budget, seed, mirrorShare, ShadowFabricKind.EMULATED);
    }

    /**
     * Binds the section, giving every field the file leaves out its default.
     */
    @JsonCreator
    static ShadowConfig fromYaml(
        @JsonProperty("budget") @JsonDeserialize(using = ConfigDeserializers.Budget.class) final ShadowBudget budget,
        @JsonProperty("seed") final Long seed,
        @JsonProperty("mirror-share") @JsonDeserialize(using = UnitDeserializers.Share.class) final Double mirrorShare,
        @JsonProperty("fabric") final ShadowFabricKind fabric)
    {
        return new ShadowConfig(
            Objects.requireNonNullElse(budget, DEFAULT.budget),
            Objects.requireNonNullElse(seed, DEFAULT.seed),
            Objects.requireNonNullElse(mirrorShare, DEFAULT.mirrorShare),
            Objects.requireNonNullElse(fabric, DEFAULT.fabric));
    }
}
