package io.netshadow.controlplane.cli;

/**
 * Whether standard output is a terminal, where progress lines may be rewritten in place.
 */
final class Terminal
{
    private Terminal()
    {
    }

    static boolean isTerminal()
    {
        return null != System.console() && System.console().isTerminal();
    }
}
