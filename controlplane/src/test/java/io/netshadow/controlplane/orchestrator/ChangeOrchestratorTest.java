package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeOrchestratorTest
{
    private static final String SHUTDOWN_ETH1 =
        "<interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\">" +
        "<interface><name>eth1</name><enabled>false</enabled></interface></interfaces>";
    private static final long MAX_WAIT_NS = 60_000_000_000L;

    @TempDir
    Path historyDir;

    private HistoryJournal history;
    private final FakeDriver liveCore = new FakeDriver("core1");
    private final FakeDriver liveDist = new FakeDriver("dist1");
    private final FakeDriver shadowCore = new FakeDriver("core1");

    @BeforeEach
    void openHistory()
    {
        history = HistoryJournal.open(historyDir);
    }

    @AfterEach
    void closeHistory()
    {
        history.close();
    }

    @Test
    void positiveVerdictCommitsEveryDevice()
    {
        final ChangeResult result = orchestrator(judgeAfter(3, Outcome.POSITIVE)).run(twoDeviceChange(), listener());

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.COMMITTED);
        assertThat(liveCore.confirmed).isTrue();
        assertThat(liveDist.confirmed).isTrue();
        assertThat(liveCore.config).isNotEqualTo(DeviceConfig.empty());
        assertThat(kinds("c1")).containsExactly(
            HistoryEventKind.CHANGE_STARTED, HistoryEventKind.DEVICE_APPLIED, HistoryEventKind.DEVICE_APPLIED,
            HistoryEventKind.DEVICE_APPLIED, HistoryEventKind.VERDICT, HistoryEventKind.COMMITTED);
    }

    @Test
    void negativeVerdictRestoresLiveAndShadow()
    {
        final ChangeResult result = orchestrator(judgeAfter(2, Outcome.NEGATIVE)).run(twoDeviceChange(), listener());

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(liveCore.config).isEqualTo(DeviceConfig.empty());
        assertThat(liveDist.config).isEqualTo(DeviceConfig.empty());
        assertThat(shadowCore.config).isEqualTo(DeviceConfig.empty());
        assertThat(liveCore.confirmed).isFalse();
        assertThat(kinds("c1")).endsWith(HistoryEventKind.VERDICT, HistoryEventKind.ROLLED_BACK);
    }

    @Test
    void inconclusiveVerdictRollsBack()
    {
        final ChangeResult result = orchestrator(judgeAfter(1, Outcome.INCONCLUSIVE)).run(twoDeviceChange(), listener());

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(liveCore.config).isEqualTo(DeviceConfig.empty());
    }

    @Test
    void deviceRefusingTheEditRestoresDevicesAlreadyChanged()
    {
        liveDist.refuse = true;

        final ChangeResult result = orchestrator(judgeAfter(1, Outcome.POSITIVE)).run(twoDeviceChange(), listener());

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.FAILED);
        assertThat(result.message()).contains("dist1");
        assertThat(liveCore.config).isEqualTo(DeviceConfig.empty());
        assertThat(shadowCore.config).isEqualTo(DeviceConfig.empty());
        assertThat(kinds("c1")).contains(HistoryEventKind.DEVICE_FAILED).endsWith(HistoryEventKind.ROLLED_BACK);
    }

    @Test
    void changeOnDeviceOutsideShadowIsReported()
    {
        final ChangeOrchestrator orchestrator = orchestrator(judgeAfter(1, Outcome.POSITIVE));

        assertThat(orchestrator.devicesOutsideShadow(twoDeviceChange())).containsExactly("dist1");
    }

    private ChangeOrchestrator orchestrator(final ChangeJudge judge)
    {
        return new ChangeOrchestrator(
            Map.of("core1", liveCore, "dist1", liveDist), Map.of("core1", shadowCore), judge, history,
            new SystemEpochNanoClock(), MAX_WAIT_NS);
    }

    private static ChangeSpec twoDeviceChange()
    {
        return new ChangeSpec("c1", "shut eth1 on core1 and dist1",
            List.of(new ChangeSpec.Edit("core1", SHUTDOWN_ETH1), new ChangeSpec.Edit("dist1", SHUTDOWN_ETH1)));
    }

    private static ChangeJudge judgeAfter(final int polls, final Outcome outcome)
    {
        return (changeId, startNs) ->
        {
            final AtomicInteger remaining = new AtomicInteger(polls);
            return new PendingVerdict()
            {
                @Override
                public Verdict verdict()
                {
                    return remaining.decrementAndGet() > 0 ? Verdict.pending() : new Verdict(
                        outcome, "shadow.loss_ratio", 0.0, 0.5, 0.4, 0.6, 0.02, startNs + 1, 1, "scripted " + outcome);
                }

                @Override
                public void cancel()
                {
                }
            };
        };
    }

    private static ChangeListener listener()
    {
        return new ChangeListener()
        {
        };
    }

    private List<HistoryEventKind> kinds(final String changeId)
    {
        return history.query(HistoryQuery.all().forChange(changeId)).stream().map(HistoryEvent::kind).toList();
    }

    private static final class FakeDriver implements DeviceDriver
    {
        private final String name;
        private DeviceConfig config = DeviceConfig.empty();
        private DeviceConfig candidate = DeviceConfig.empty();
        private DeviceConfig beforeConfirmedCommit;
        private boolean confirmed;
        private boolean refuse;

        FakeDriver(final String name)
        {
            this.name = name;
        }

        @Override
        public String deviceName()
        {
            return name;
        }

        @Override
        public DeviceCapabilities capabilities()
        {
            return DeviceCapabilities.FULL;
        }

        @Override
        public DeviceConfig running()
        {
            return config;
        }

        @Override
        public void lock()
        {
        }

        @Override
        public void unlock()
        {
        }

        @Override
        public void edit(final String editXml) throws DeviceException
        {
            if (refuse)
            {
                throw new DeviceException(name + ": edit refused by the device", null);
            }
            try
            {
                candidate = DeviceConfigXml.applyEdit(candidate, editXml);
            }
            catch (final DeviceConfigException ex)
            {
                throw new DeviceException(name + ": " + ex.getMessage(), ex);
            }
        }

        @Override
        public void validate()
        {
        }

        @Override
        public void commitConfirmed(final Duration timeout, final String persistId)
        {
            beforeConfirmedCommit = config;
            config = candidate;
        }

        @Override
        public void commit(final String persistId)
        {
            config = candidate;
            confirmed = null != beforeConfirmedCommit || null == persistId;
            beforeConfirmedCommit = null;
        }

        @Override
        public void cancelCommit(final String persistId)
        {
            config = beforeConfirmedCommit;
            candidate = config;
            beforeConfirmedCommit = null;
        }

        @Override
        public void discardChanges()
        {
            candidate = config;
        }

        @Override
        public void restore(final DeviceConfig saved)
        {
            config = saved;
            candidate = saved;
        }

        @Override
        public void close()
        {
        }
    }
}
