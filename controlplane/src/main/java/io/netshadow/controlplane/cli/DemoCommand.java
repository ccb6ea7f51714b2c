package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netshadow demo}: the whole loop on embedded defaults; exits 0 only when every change was judged right.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole loop on embedded defaults: a lab network, the appliance, a harmless, a harmful " +
        "and a staged change over NETCONF. Exits 0 only when the harmless change is committed and the others " +
        "rolled back.")
final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--work-dir", description = "Where the journal, history and report go (emptied first). " +
        "Default: the system temporary folder's netshadow-demo.")
    Path workDirectory;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the traffic and the shadow sample. " +
        "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--flows-per-second", defaultValue = "15",
        description = "Mean rate of new flows in the lab. Default: ${DEFAULT-VALUE}.")
    double flowsPerSecond;

    @Option(names = "--baseline-samples", defaultValue = "40",
        description = "KPI samples (0.5 s each) per series before the first change. Default: ${DEFAULT-VALUE}.")
    int baselineSamples;

    @Option(names = "--keep-journal", description = "Keep the packet journal after the run.")
    boolean keepJournal;

    @Override
    public Integer call() throws Exception
    {
        final Path work = null == workDirectory ?
            Path.of(System.getProperty("java.io.tmpdir"), "netshadow-demo") : workDirectory;
        final Demo demo = new Demo(
            new Demo.Options(work, seed, flowsPerSecond, baselineSamples, keepJournal), System.out,
            null != System.console() && System.console().isTerminal());
        return demo.run() ? 0 : NetshadowCommand.EXIT_FAILED;
    }
}
