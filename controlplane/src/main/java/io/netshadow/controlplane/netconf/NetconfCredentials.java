package io.netshadow.controlplane.netconf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a NETCONF session logs in over SSH: a password, or a key pair read from a private key file.
 */
public sealed interface NetconfCredentials
{
    /**
     * The SSH user name.
     *
     * @return the login name.
     */
    String username();

    /**
     * Password login.
     *
     * @param username the SSH user name.
     * @param password the password.
     * @return the credentials.
     */
    static NetconfCredentials password(final String username, final String password)
    {
        return new Password(username, password);
    }

    /**
     * Public-key login with a key pair from a private key file in OpenSSH or PEM (PKCS#1, PKCS#8) format.
     *
     * @param username       the SSH user name.
     * @param privateKeyFile the private key file.
     * @param passphrase     the file's passphrase, or null when it is not encrypted.
     * @return the credentials.
     */
    static NetconfCredentials privateKey(final String username, final Path privateKeyFile, final String passphrase)
    {
        return new PrivateKey(username, privateKeyFile, passphrase);
    }

    /**
     * Password login.
     *
     * @param username the SSH user name.
     * @param password the password.
     */
    record Password(String username, String password) implements NetconfCredentials
    {
        /**
         * Checks the fields.
         */
        public Password
        {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString()
        {
            return "password login as " + username;
        }
    }

    /**
     * Public-key login.
     *
     * @param username       the SSH user name.
     * @param privateKeyFile the private key file, OpenSSH or PEM.
     * @param passphrase     the file's passphrase, or null.
     */
    record PrivateKey(String username, Path privateKeyFile, String passphrase) implements NetconfCredentials
    {
        /**
         * Checks the fields.
         */
        public PrivateKey
        {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        }

        @Override
        public String toString()
        {
            return "public-key login as " + username + " with " + privateKeyFile;
        }
    }
}
