package io.netshadow.dataplane.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataPlaneConfigTest
{
    @Test
    void defaultsAreValid()
    {
        final DataPlaneConfig config = DataPlaneConfig.defaults();

        assertThat(config.bindPort()).isEqualTo(4789);
        assertThat(config.threadingMode()).isEqualTo(ThreadingMode.SHARED);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void ringSizesMustBePowersOfTwo()
    {
        assertThatThrownBy(() -> DataPlaneConfig.builder().ringASize(1000).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ringASize");
    }

    @Test
    void theReplayDelayMustExceedTheLatenessWindow()
    {
        assertThatThrownBy(() -> DataPlaneConfig.builder().latenessNs(5_000_000).replayDelayNs(5_000_000).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("replayDelayNs");
    }

    @Test
    void theMirrorShareMustBeAFractionAboveZero()
    {
        assertThatThrownBy(() -> DataPlaneConfig.builder().mirrorShare(0).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("mirrorShare");
    }

    @Test
    void theReorderBufferMustFitRingA()
    {
        assertThatThrownBy(() -> DataPlaneConfig.builder().ringASize(64).reorderCapacity(65).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("reorderCapacity");
    }
}
