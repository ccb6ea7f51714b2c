package io.netshadow.controlplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.netshadow.controlplane.netconf.CredentialFileException;
import io.netshadow.controlplane.netconf.CredentialFiles;
import io.netshadow.controlplane.netconf.HostKeyPolicy;
import io.netshadow.controlplane.netconf.NetconfCredentials;
import io.netshadow.controlplane.yaml.UnitDeserializers;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the daemon reaches the live devices over NETCONF on SSH ({@code netconf:}): the login, how host keys are
 * checked and the timeout of every step. Each device's address is its {@code management} address in the network
 * profile. The login is a password file or a private key file, exactly one; without either in the file, the
 * private key file has its default.
 *
 * @param username        the SSH user name, {@code username}.
 * @param passwordFile    the file whose first line is the password, {@code password-file}; null for key login.
 * @param privateKeyFile  the private key file (OpenSSH or PEM), {@code private-key-file}; null for password login.
 * @param passphraseFile  the file whose first line is the private key's passphrase, {@code passphrase-file}; null
 *                        when the key is not encrypted.
 * @param knownHosts      the OpenSSH known-hosts file the devices' host keys are checked against,
 *                        {@code known-hosts}.
 * @param trustOnFirstUse whether a device whose host key the file lacks is trusted and recorded,
 *                        {@code trust-on-first-use}.
 * @param timeoutNs       longest wait for connecting, logging in and each RPC reply, {@code timeout}.
 */
public record NetconfConfig(
    String username,
    Path passwordFile,
    Path privateKeyFile,
    Path passphraseFile,
    Path knownHosts,
    boolean trustOnFirstUse,
    long timeoutNs)
{
    /** User {@code netshadow} with the key {@code /etc/netshadow/netconf-key}, strict host keys, 30 s. */
    public static final NetconfConfig DEFAULT = new NetconfConfig(
        "netshadow",
        null,
        Path.of("/etc/netshadow/netconf-key"),
        null,
        Path.of("/var/lib/netshadow/known_hosts"),
        false,
        30_000_000_000L);

    /**
     * Binds the section, giving every field the file leaves out its default; the private key file has its default
     * only when neither it nor a password file is given.
     */
    @JsonCreator
    static NetconfConfig fromYaml(
        @JsonProperty("username") final String username,
        @JsonProperty("password-file") final String passwordFile,
        @JsonProperty("private-key-file") final String privateKeyFile,
        @JsonProperty("passphrase-file") final String passphraseFile,
        @JsonProperty("known-hosts") final String knownHosts,
        @JsonProperty("trust-on-first-use") final Boolean trustOnFirstUse,
        @JsonProperty("timeout") @JsonDeserialize(using = UnitDeserializers.DurationNs.class) final Long timeoutNs)
    {
        final Path keyFile = null != privateKeyFile ? Path.of(privateKeyFile) :
            null == passwordFile ? DEFAULT.privateKeyFile : null;
        return new NetconfConfig(
            Objects.requireNonNullElse(username, DEFAULT.username),
            null == passwordFile ? null : Path.of(passwordFile),
            keyFile,
            null == passphraseFile ? null : Path.of(passphraseFile),
            null == knownHosts ? DEFAULT.knownHosts : Path.of(knownHosts),
            Objects.requireNonNullElse(trustOnFirstUse, DEFAULT.trustOnFirstUse),
            Objects.requireNonNullElse(timeoutNs, DEFAULT.timeoutNs));
    }

    /**
     * Reads the login from its files: the password, or the private key's passphrase, checking that only the
     * daemon's user may read them.
     *
     * @return the credentials every live device is logged in to with.
     * @throws CredentialFileException when a file is missing, unreadable, open to group or others, or empty.
     */
    public NetconfCredentials credentials() throws CredentialFileException
    {
        return null != passwordFile ? CredentialFiles.password(username, passwordFile) :
            CredentialFiles.privateKey(username, privateKeyFile, passphraseFile);
    }

    /**
     * How the devices' host keys are checked.
     *
     * @return the known-hosts file, trusting on first use or not.
     */
    public HostKeyPolicy hostKeyPolicy()
    {
        return new HostKeyPolicy(knownHosts, trustOnFirstUse);
    }

    NetconfConfig resolvedAgainst(final Path base)
    {
        return new NetconfConfig(username, resolve(base, passwordFile), resolve(base, privateKeyFile),
            resolve(base, passphraseFile), base.resolve(knownHosts), trustOnFirstUse, timeoutNs);
    }

    private static Path resolve(final Path base, final Path file)
    {
        return null == file ? null : base.resolve(file);
    }
}
