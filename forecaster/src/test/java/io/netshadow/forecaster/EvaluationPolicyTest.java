package io.netshadow.forecaster;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvaluationPolicyTest
{
    @Test
    void defaultLetsShadowAndLiveBothDecide()
    {
        assertThat(EvaluationPolicy.DEFAULT.decides("shadow.loss_ratio")).isTrue();
        assertThat(EvaluationPolicy.DEFAULT.decides("live.loss_ratio")).isTrue();
        assertThat(EvaluationPolicy.DEFAULT.decides("lab.loss_ratio")).isFalse();
        assertThat(EvaluationPolicy.DEFAULT.decides("loss_ratio")).isTrue();
    }

    @Test
    void withDecidingSidesKeepsTheRestOfThePolicy()
    {
        final EvaluationPolicy shadowOnly = EvaluationPolicy.DEFAULT.withDecidingSides(EvaluationPolicy.SHADOW_SIDE);

        assertThat(shadowOnly.decides("live.loss_ratio")).isFalse();
        assertThat(shadowOnly.minSamples()).isEqualTo(EvaluationPolicy.DEFAULT.minSamples());
        assertThat(shadowOnly.seasonPeriodNs()).isEqualTo(EvaluationPolicy.DAY_NS);
    }

    @Test
    void rejectsInconsistentIntervalBudgetsAPeriodOfZeroAndNoSide()
    {
        final long day = EvaluationPolicy.DAY_NS;
        assertThatThrownBy(() -> new EvaluationPolicy(10, 5, day, Set.of("shadow")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationPolicy(0, 5, day, Set.of("shadow")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationPolicy(1, 5, 0, Set.of("shadow")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationPolicy(1, 5, day, Set.of()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timedOutVerdictIsInconclusiveAndSaysHowLongItWaited()
    {
        final Verdict verdict = Verdict.timedOut(30_000_000_000L);

        assertThat(verdict.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(verdict.timeToVerdictNs()).isEqualTo(30_000_000_000L);
        assertThat(verdict.reason()).isEqualTo("no verdict within 30.0 s");
    }
}
