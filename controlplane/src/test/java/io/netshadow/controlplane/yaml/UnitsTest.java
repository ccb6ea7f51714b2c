package io.netshadow.controlplane.yaml;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UnitsTest
{
    @Test
    void parsesRatesWithDecimalMultipliers()
    {
        assertThat(Units.parseBps("10G")).isEqualTo(10_000_000_000L);
        assertThat(Units.parseBps("100M")).isEqualTo(100_000_000L);
        assertThat(Units.parseBps("100Mbps")).isEqualTo(100_000_000L);
        assertThat(Units.parseBps("1.5G")).isEqualTo(1_500_000_000L);
        assertThat(Units.parseBps("64k")).isEqualTo(64_000L);
        assertThat(Units.parseBps("1500000")).isEqualTo(1_500_000L);
    }

    @Test
    void parsesDurationsOnlyWithAUnit()
    {
        assertThat(Units.parseDurationNs("0.2ms")).isEqualTo(200_000L);
        assertThat(Units.parseDurationNs("50us")).isEqualTo(50_000L);
        assertThat(Units.parseDurationNs("50\u00b5s")).isEqualTo(50_000L);
        assertThat(Units.parseDurationNs("1s")).isEqualTo(1_000_000_000L);
        assertThat(Units.parseDurationNs("2m")).isEqualTo(120_000_000_000L);
        assertThat(Units.parseDurationNs("0")).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> Units.parseDurationNs("50"))
            .withMessageContaining("unknown unit ''");
    }

    @Test
    void parsesSizesWithBinaryAndDecimalMultipliers()
    {
        assertThat(Units.parseBytes("256KiB")).isEqualTo(262_144L);
        assertThat(Units.parseBytes("1MiB")).isEqualTo(1_048_576L);
        assertThat(Units.parseBytes("64KB")).isEqualTo(64_000L);
        assertThat(Units.parseBytes("1500")).isEqualTo(1500L);
    }

    @Test
    void parsesSharesAsPercentOrFraction()
    {
        assertThat(Units.parseShare("25%")).isEqualTo(0.25);
        assertThat(Units.parseShare("0.25")).isEqualTo(0.25);
        assertThatIllegalArgumentException().isThrownBy(() -> Units.parseShare("120%"))
            .withMessageContaining("between 0% and 100%");
    }

    @Test
    void rejectsUnknownUnitsNamingThem()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> Units.parseBps("10X"))
            .withMessage("unknown unit 'X' in '10X'; expected a rate such as 10G, 100Mbps or 64000");
        assertThatIllegalArgumentException().isThrownBy(() -> Units.parseBytes("fast"))
            .withMessageContaining("got 'fast'");
    }

    @Test
    void rejectsFractionsOfTheSmallestUnit()
    {
        assertThatIllegalArgumentException().isThrownBy(() -> Units.parseDurationNs("1.5ns"))
            .withMessageContaining("not a whole nanosecond count");
    }

    @Test
    void formatsReadably()
    {
        assertThat(Units.formatBps(100_000_000L)).isEqualTo("100M");
        assertThat(Units.formatBps(1_500_000_000L)).isEqualTo("1.5G");
        assertThat(Units.formatDurationNs(200_000L)).isEqualTo("200us");
        assertThat(Units.formatDurationNs(1_500_000L)).isEqualTo("1.5ms");
        assertThat(Units.formatBytes(262_144L)).isEqualTo("256KiB");
        assertThat(Units.formatBytes(62_500L)).isEqualTo("62.5kB");
        assertThat(Units.formatBytes(1500L)).isEqualTo("1.5kB");
        assertThat(Units.formatBytes(0L)).isEqualTo("0B");
    }
}
