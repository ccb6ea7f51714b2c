package io.netshadow.controlplane;

import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileException;
import io.netshadow.controlplane.profile.ProfileLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The example files the distribution ships in {@code etc/}, also embedded in the jar so that {@code netshadow demo}
 * and the commands' defaults run without any file on disk.
 */
public final class EmbeddedDefaults
{
    /** Classpath folder holding the embedded copies of {@code etc/}. */
    public static final String ETC = "/netshadow/etc/";

    private EmbeddedDefaults()
    {
    }

    /**
     * Loads the given profile, or the embedded example when none is given.
     *
     * @param file the profile file, or null for the embedded example.
     * @return the profile.
     * @throws ProfileException when the profile is invalid.
     */
    public static NetworkProfile profile(final Path file) throws ProfileException
    {
        return null == file ? ProfileLoader.parse(Path.of("profile.yaml"), text("profile.yaml")) :
            ProfileLoader.load(file);
    }

    /**
     * Reads an embedded file of {@code etc/}.
     *
     * @param relativePath path below {@code etc/}, e.g. {@code changes/harmful-policer.yaml}.
     * @return its text.
     * @throws IllegalStateException when the jar lacks it (a broken build).
     */
    public static String text(final String relativePath)
    {
        try (InputStream in = EmbeddedDefaults.class.getResourceAsStream(ETC + relativePath))
        {
            if (null == in)
            {
                throw new IllegalStateException("the build did not embed etc/" + relativePath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read embedded etc/" + relativePath, ex);
        }
    }
}
