package io.netshadow.controlplane.profile;

import io.netshadow.controlplane.yaml.YamlFile;

import java.nio.file.Path;

/**
 * Loads a network profile from YAML and checks it whole: names, references, prefixes, units and connectivity.
 * Every problem is reported, each as {@code file:line: field: message}.
 */
public final class ProfileLoader
{
    private ProfileLoader()
    {
    }

    /**
     * Loads and checks a profile file.
     *
     * @param file the profile, such as {@code /etc/netshadow/profile.yaml}.
     * @return the profile.
     * @throws ProfileException listing every error when the file is unreadable or the profile is not valid.
     */
    public static NetworkProfile load(final Path file) throws ProfileException
    {
        return check(YamlFile.read(file));
    }

    /**
     * Checks profile text that did not come from a file, naming it for errors as if it did.
     *
     * @param name the name errors are reported against.
     * @param yaml the profile text.
     * @return the profile.
     * @throws ProfileException listing every error when the profile is not valid.
     */
    public static NetworkProfile parse(final Path name, final String yaml) throws ProfileException
    {
        return check(YamlFile.of(name, yaml));
    }

    private static NetworkProfile check(final YamlFile yaml) throws ProfileException
    {
        final ProfileDocument document = yaml.bind(ProfileDocument.class);
        final NetworkProfile profile = new ProfileChecker(yaml).check(document);
        if (yaml.hasErrors())
        {
            throw new ProfileException(yaml.errors());
        }
        return profile;
    }
}
