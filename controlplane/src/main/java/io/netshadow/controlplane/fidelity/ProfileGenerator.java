package io.netshadow.controlplane.fidelity;

/**
 * Makes a network profile of a given size for the fidelity benchmark, as profile YAML so that it goes through the
 * same checks as a profile file and can be saved and loaded again. Deterministic for a seed.
 */
@FunctionalInterface
public interface ProfileGenerator
{
    /**
     * Generates a profile.
     *
     * @param devices how many devices, at least the generator's minimum.
     * @param seed    the seed of every random choice.
     * @return the profile as YAML text.
     * @throws IllegalArgumentException when the generator cannot make a network of that size.
     */
    String generateYaml(int devices, long seed);
}
