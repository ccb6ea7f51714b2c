package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A private netconfd (yuma123) behind its own sshd on a free loopback port, in a temporary folder of its own, for
 * integration tests; {@link #close()} kills both and removes the folder.
 * <p>
 * What netconfd needs, as found on Debian 12: an sshd of its own whose {@code netconf} subsystem runs
 * {@code netconf-subsystem --ncxserver-sockname=PORT@SOCKET}; {@code netconfd --port=PORT} equal to that sshd's
 * port; its own socket, working folder and empty runpath; an existing startup file; and the YANG modules loaded by
 * name. The sshd runs in the foreground with a host key made for it, accepts public keys for the user running the
 * tests, and, when that user is root, passwords for a dedicated system user ({@value #PASSWORD_USER}) whose password
 * is drawn at random once per JVM.
 */
final class NetconfdInstance implements AutoCloseable
{
    /** A user that logs in with a password; created when the tests run as root. */
    static final String PASSWORD_USER = "netshadow-nc";

    private static final Path NETCONFD = Path.of("/usr/sbin/netconfd");
    private static final Path SUBSYSTEM = Path.of("/usr/sbin/netconf-subsystem");
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    private static final Path PRIVILEGE_SEPARATION_FOLDER = Path.of("/run/sshd");
    private static final List<String> MODULES = List.of(
        "iana-if-type", "ietf-interfaces", "ietf-ip", "ietf-routing", "ietf-ipv4-unicast-routing");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String KEY_PASSPHRASE = "correct horse battery staple";
    private static String password;

    private final Path folder;
    private final int port;
    private final String user;
    private final List<Process> processes = new ArrayList<>();

    private NetconfdInstance(final Path folder, final int port, final String user)
    {
        this.folder = folder;
        this.port = port;
        this.user = user;
    }

    /**
     * Skips the calling test when netconfd, sshd or ssh-keygen is missing, except when the environment variable
     * {@code CI} is {@code true}: there a missing tool is a failure, so that a broken CI install is noticed.
     */
    static void assumeInstalled()
    {
        final List<String> missing = Stream.of(NETCONFD, SUBSYSTEM, SSHD, SSH_KEYGEN)
            .filter(tool -> !Files.isExecutable(tool))
            .map(Path::toString)
            .toList();
        if (!missing.isEmpty())
        {
            final String reason = "netconfd integration tests need " + missing +
                " (apt-get install -y netconfd openssh-server)";
            if ("true".equals(System.getenv("CI")))
            {
                throw new AssertionError(reason + "; CI=true, so this fails instead of skipping");
            }
            Assumptions.abort(reason);
        }
    }

    /**
     * Skips the calling test when no password user can be made (the tests do not run as root), except in CI.
     */
    static void assumePasswordUser()
    {
        if (!isRoot())
        {
            final String reason = "password login needs the user " + PASSWORD_USER + ", which only root can create";
            if ("true".equals(System.getenv("CI")))
            {
                throw new AssertionError(reason + "; CI=true, so this fails instead of skipping");
            }
            Assumptions.abort(reason);
        }
    }

    /**
     * Starts netconfd and its sshd, and waits until both accept connections.
     *
     * @return the running instance.
     * @throws IOException when either does not start; the message holds the tail of their logs.
     */
    static NetconfdInstance start() throws IOException
    {
        assumeInstalled();
        final Path folder = Files.createTempDirectory("netconfd-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        final NetconfdInstance instance = new NetconfdInstance(folder, freePort(), System.getProperty("user.name"));
        try
        {
            instance.launch();
            return instance;
        }
        catch (final IOException | RuntimeException ex)
        {
            final String logs = instance.logs();
            instance.close();
            throw new IOException("netconfd did not start: " + ex.getMessage() + "\n" + logs, ex);
        }
    }

    /**
     * The sshd's port, which is also netconfd's.
     *
     * @return the port on 127.0.0.1.
     */
    int port()
    {
        return port;
    }

    /**
     * The instance's own folder, where tests may put files.
     *
     * @return the folder.
     */
    Path folder()
    {
        return folder;
    }

    /**
     * Public-key login as the user running the tests, with an ECDSA key in OpenSSH format.
     *
     * @return the credentials.
     */
    NetconfCredentials keyLogin()
    {
        return NetconfCredentials.privateKey(user, folder.resolve("client_ecdsa"), null);
    }

    /**
     * Public-key login with an RSA key in PEM (PKCS#1) format.
     *
     * @return the credentials.
     */
    NetconfCredentials pemKeyLogin()
    {
        return NetconfCredentials.privateKey(user, folder.resolve("client_rsa.pem"), null);
    }

    /**
     * Public-key login with a passphrase-protected ECDSA key in OpenSSH format.
     *
     * @return the credentials.
     */
    NetconfCredentials encryptedKeyLogin()
    {
        return NetconfCredentials.privateKey(user, folder.resolve("client_ecdsa_encrypted"), KEY_PASSPHRASE);
    }

    /**
     * Password login as {@value #PASSWORD_USER}; call {@link #assumePasswordUser()} first.
     *
     * @return the credentials.
     */
    NetconfCredentials passwordLogin()
    {
        return NetconfCredentials.password(PASSWORD_USER, passwordUserPassword());
    }

    /**
     * A known-hosts file that holds this instance's host key.
     *
     * @return a strict policy over that file.
     * @throws IOException when the file cannot be written.
     */
    HostKeyPolicy knownHostKey() throws IOException
    {
        final Path file = folder.resolve("known_hosts");
        Files.writeString(file, hostKeyLine("host_ecdsa.pub"));
        return HostKeyPolicy.strict(file);
    }

    /**
     * A known-hosts line that gives this instance's host and port another key than its own.
     *
     * @return the line.
     * @throws IOException when the other key cannot be made.
     */
    String otherHostKeyLine() throws IOException
    {
        final Path other = folder.resolve("other_host_ecdsa");
        if (!Files.exists(other))
        {
            run(SSH_KEYGEN.toString(), "-q", "-t", "ecdsa", "-N", "", "-f", other.toString());
        }
        return hostKeyLine("other_host_ecdsa.pub");
    }

    /**
     * An endpoint for this instance with a 30 s timeout.
     *
     * @param deviceName  the device's name in messages.
     * @param credentials how to log in.
     * @param policy      how to check the host key.
     * @return the endpoint.
     */
    NetconfEndpoint endpoint(final String deviceName, final NetconfCredentials credentials, final HostKeyPolicy policy)
    {
        return NetconfEndpoint.of(deviceName, "127.0.0.1", port, credentials, policy);
    }

    /**
     * The tail of netconfd's and sshd's logs, for failure messages.
     *
     * @return the text.
     */
    String logs()
    {
        final StringBuilder text = new StringBuilder();
        for (final String log : List.of("netconfd.log", "netconfd.out", "sshd.log"))
        {
            final Path file = folder.resolve(log);
            if (Files.exists(file))
            {
                try
                {
                    final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    text.append("--- ").append(log).append('\n');
                    lines.subList(Math.max(0, lines.size() - 30), lines.size())
                        .forEach(line -> text.append(line).append('\n'));
                }
                catch (final IOException ex)
                {
                    text.append("--- ").append(log).append(": ").append(ex.getMessage()).append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * Kills netconfd, sshd and every session process, removes the socket and the folder.
     */
    @Override
    public void close()
    {
        for (final Process process : processes.reversed())
        {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try
            {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try (Stream<Path> files = Files.walk(folder))
        {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + folder, ex);
        }
    }

    private void launch() throws IOException
    {
        Files.createDirectories(folder.resolve("run"));
        Files.createDirectories(folder.resolve("home"));
        Files.writeString(folder.resolve("startup.xml"), "<config xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"/>\n");
        makeKeys();
        final Path socket = folder.resolve("ncxserver.sock");
        Files.deleteIfExists(socket);
        final List<String> netconfd = new ArrayList<>(List.of(
            NETCONFD.toString(),
            "--port=" + port,
            "--ncxserver-sockname=" + socket,
            "--startup=" + folder.resolve("startup.xml"),
            "--target=candidate",
            "--with-startup=true",
            "--access-control=off",
            "--superuser=" + user,
            "--runpath=" + folder.resolve("run"),
            "--log=" + folder.resolve("netconfd.log"),
            "--log-level=info"));
        MODULES.forEach(module -> netconfd.add("--module=" + module));
        final ProcessBuilder netconfdBuilder = new ProcessBuilder(netconfd)
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("netconfd.out").toFile());
        netconfdBuilder.environment().put("HOME", folder.resolve("home").toString());
        final Process netconfdProcess = netconfdBuilder.start();
        processes.add(netconfdProcess);
        awaitReady("netconfd's socket " + socket, netconfdProcess, () -> Files.exists(socket));

        writeSshdConfig(socket);
        if (isRoot())
        {
            Files.createDirectories(PRIVILEGE_SEPARATION_FOLDER);
        }
        final Process sshd = new ProcessBuilder(
            SSHD.toString(), "-D", "-e", "-f", folder.resolve("sshd_config").toString())
            .directory(folder.toFile())
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("sshd.log").toFile())
            .start();
        processes.add(sshd);
        awaitReady("sshd on port " + port, sshd, this::acceptsConnections);
    }

    private void makeKeys() throws IOException
    {
        final String keygen = SSH_KEYGEN.toString();
        run(keygen, "-q", "-t", "ecdsa", "-N", "", "-f", folder.resolve("host_ecdsa").toString());
        run(keygen, "-q", "-t", "ecdsa", "-N", "", "-f", folder.resolve("client_ecdsa").toString());
        run(keygen, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f",
            folder.resolve("client_rsa.pem").toString());
        run(keygen, "-q", "-t", "ecdsa", "-N", KEY_PASSPHRASE, "-f",
            folder.resolve("client_ecdsa_encrypted").toString());
        final StringBuilder authorized = new StringBuilder();
        for (final String key : List.of("client_ecdsa.pub", "client_rsa.pem.pub", "client_ecdsa_encrypted.pub"))
        {
            authorized.append(Files.readString(folder.resolve(key)).strip()).append('\n');
        }
        Files.writeString(folder.resolve("authorized_keys"), authorized);
    }

    private void writeSshdConfig(final Path socket) throws IOException
    {
        final String config = String.join("\n",
            "Port " + port,
            "ListenAddress 127.0.0.1",
            "HostKey " + folder.resolve("host_ecdsa"),
            "PidFile " + folder.resolve("sshd.pid"),
            "AuthorizedKeysFile " + folder.resolve("authorized_keys"),
            "PermitRootLogin yes",
            "PubkeyAuthentication yes",
            "PasswordAuthentication yes",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "LogLevel VERBOSE",
            "Subsystem netconf " + SUBSYSTEM + " --ncxserver-sockname=" + port + "@" + socket,
            "");
        Files.writeString(folder.resolve("sshd_config"), config);
        if (isRoot())
        {
            passwordUserPassword();
        }
    }

    private String hostKeyLine(final String publicKeyFile) throws IOException
    {
        final String[] fields = Files.readString(folder.resolve(publicKeyFile)).strip().split(" ");
        return "[127.0.0.1]:" + port + " " + fields[0] + " " + fields[1] + "\n";
    }

    private boolean acceptsConnections()
    {
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void awaitReady(final String what, final Process process, final BooleanSupplier ready)
        throws IOException
    {
        final long deadlineNs = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ready.getAsBoolean())
        {
            if (!process.isAlive())
            {
                throw new IOException(what + ": process exited with status " + process.exitValue());
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IOException(what + " not ready within " + START_TIMEOUT.toSeconds() + " s");
            }
            sleepMs(20);
        }
    }

    private static synchronized String passwordUserPassword()
    {
        if (null == password)
        {
            final byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            final String drawn = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try
            {
                final int created = exitStatus("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/bin/sh", PASSWORD_USER);
                final int alreadyThere = 9;
                if (0 != created && alreadyThere != created)
                {
                    throw new IOException("useradd " + PASSWORD_USER + " exited with " + created);
                }
                final Process chpasswd = new ProcessBuilder("chpasswd").redirectErrorStream(true).start();
                chpasswd.getOutputStream()
                    .write((PASSWORD_USER + ":" + drawn + "\n").getBytes(StandardCharsets.UTF_8));
                chpasswd.getOutputStream().close();
                if (0 != chpasswd.waitFor())
                {
                    throw new IOException("chpasswd exited with " + chpasswd.exitValue() + ": " +
                        new String(chpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            password = drawn;
        }
        return password;
    }

    private static void run(final String... command) throws IOException
    {
        final int status = exitStatus(command);
        if (0 != status)
        {
            throw new IOException(String.join(" ", command) + " exited with " + status);
        }
    }

    private static int exitStatus(final String... command) throws IOException
    {
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        try
        {
            return process.waitFor();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted running " + command[0], ex);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot()
    {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
