package io.jtrace.analyzer.pcap;

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. */
final class Checksum {
    private Checksum() {
    }

    /** Adds {@code len} bytes as big-endian 16-bit words (an odd last byte padded with zero) to {@code sum}. */
    static long add(long sum, byte[] b, int off, int len) {
        int end = off + len - 1;
        int i = off;
        for (; i < end; i += 2) {
            sum += (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
        }
        if (i == end) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** The checksum field's value for a sum of all the covered words (the field itself counted as zero). */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** The checksum of {@code len} bytes. */
    static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }
}
