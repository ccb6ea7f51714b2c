package io.netshadow.dataplane.packet;

/**
 * SipHash-2-4 over whole 64-bit words: a keyed pseudo-random function, small and fast for short inputs such as
 * a 5-tuple. Each word is the little-endian reading of eight message bytes, so a message of {@code n} words
 * hashes exactly as the reference implementation hashes its {@code 8 * n} bytes.
 * <p>
 * Holds its state in fields so the hot path allocates nothing: not thread-safe, one instance per thread.
 */
public final class SipHash
{
    private final long key0;
    private final long key1;
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    private int words;

    /**
     * A hash with a 128-bit key.
     *
     * @param key0 the key's first eight bytes read little-endian.
     * @param key1 the key's last eight bytes read little-endian.
     */
    public SipHash(final long key0, final long key1)
    {
        this.key0 = key0;
        this.key1 = key1;
    }

    /**
     * Hashes two words.
     *
     * @param m0 the first word.
     * @param m1 the second word.
     * @return the 64-bit hash.
     */
    public long hash(final long m0, final long m1)
    {
        start();
        absorb(m0);
        absorb(m1);
        return finish();
    }

    /**
     * Hashes three words.
     *
     * @param m0 the first word.
     * @param m1 the second word.
     * @param m2 the third word.
     * @return the 64-bit hash.
     */
    public long hash(final long m0, final long m1, final long m2)
    {
        start();
        absorb(m0);
        absorb(m1);
        absorb(m2);
        return finish();
    }

    /**
     * Hashes five words.
     *
     * @param m0 the first word.
     * @param m1 the second word.
     * @param m2 the third word.
     * @param m3 the fourth word.
     * @param m4 the fifth word.
     * @return the 64-bit hash.
     */
    public long hash(final long m0, final long m1, final long m2, final long m3, final long m4)
    {
        start();
        absorb(m0);
        absorb(m1);
        absorb(m2);
        absorb(m3);
        absorb(m4);
        return finish();
    }

    private void start()
    {
        v0 = key0 ^ 0x736f6d6570736575L;
        v1 = key1 ^ 0x646f72616e646f6dL;
        v2 = key0 ^ 0x6c7967656e657261L;
        v3 = key1 ^ 0x7465646279746573L;
        words = 0;
    }

    private void absorb(final long m)
    {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
        words++;
    }

    private long finish()
    {
        final long lengthWord = ((long)words * Long.BYTES) << 56;
        v3 ^= lengthWord;
        round();
        round();
        v0 ^= lengthWord;
        v2 ^= 0xFF;
        round();
        round();
        round();
        round();
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void round()
    {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}
