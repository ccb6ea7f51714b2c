package io.netshadow.controlplane.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;

/**
 * The secret every API request carries as {@code Authorization: Bearer <token>}, read from a file that only its
 * owner may read (like an SSH key). The daemon and the CLI read the same file.
 */
public final class BearerToken
{
    /** The fewest characters a token may have. */
    public static final int MIN_LENGTH = 16;

    private static final String SCHEME = "Bearer ";
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final String token;

    private BearerToken(final String token)
    {
        this.token = token;
    }

    /**
     * Reads the token from the first line of a file.
     *
     * @param file the token file.
     * @return the token.
     * @throws TokenFileException when the file is missing, unreadable, readable or writable by group or others,
     *                            or holds fewer than {@link #MIN_LENGTH} visible characters.
     */
    public static BearerToken read(final Path file) throws TokenFileException
    {
        final String text;
        try
        {
            checkPermissions(file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new TokenFileException("API token file " + file + " does not exist; create it, readable by the " +
                "daemon's user only: install -m 0600 -o netshadow -g netshadow /dev/null " + file +
                " && openssl rand -hex 32 > " + file);
        }
        catch (final AccessDeniedException ex)
        {
            throw new TokenFileException("API token file " + file + " cannot be read by this user");
        }
        catch (final IOException ex)
        {
            throw new TokenFileException("API token file " + file + " cannot be read: " + ex.getMessage());
        }
        final String token = text.lines().findFirst().orElse("").strip();
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > ' ' && c < 127))
        {
            throw new TokenFileException("API token file " + file + " must hold a token of at least " +
                MIN_LENGTH + " visible ASCII characters on its first line, such as: openssl rand -hex 32");
        }
        return new BearerToken(token);
    }

    /**
     * Whether a request's {@code Authorization} header carries this token; compared in constant time.
     *
     * @param authorization the header's value, or null when absent.
     * @return true when it is {@code Bearer <this token>}.
     */
    public boolean accepts(final String authorization)
    {
        if (null == authorization || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
        {
            return false;
        }
        return MessageDigest.isEqual(
            authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.US_ASCII),
            token.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The {@code Authorization} header value a client sends.
     *
     * @return {@code Bearer <token>}.
     */
    public String header()
    {
        return SCHEME + token;
    }

    @Override
    public String toString()
    {
        return "BearerToken(redacted)";
    }

    private static void checkPermissions(final Path file) throws IOException, TokenFileException
    {
        final PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (null == view)
        {
            return;
        }
        final Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.stream().anyMatch(TOO_OPEN::contains))
        {
            throw new TokenFileException("API token file " + file + " is open to group or others (" +
                PosixFilePermissions.toString(permissions) + "); restrict it: chmod 600 " + file);
        }
    }
}
