package io.jtrace.analyzer.pcap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A pcapng file as Wireshark reads it: one Section Header Block, one Interface Description Block of raw IP
 * packets with nanosecond timestamps, then an Enhanced Packet Block per packet, with a comment. Little-endian
 * blocks (the byte-order magic tells readers), every field and option padded to 32 bits. The caller owns the
 * stream: it flushes or closes it.
 */
public final class PcapngWriter {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int ENHANCED_PACKET = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** LINKTYPE_RAW: each packet begins with an IPv4 or IPv6 header. */
    public static final int LINKTYPE_RAW = 101;
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    static final int SHB_HARDWARE = 2;
    static final int SHB_OS = 3;
    public static final int SHB_USERAPPL = 4;
    static final int IF_NAME = 2;
    static final int IF_DESCRIPTION = 3;
    static final int IF_TSRESOL = 9;

    private final OutputStream out;
    private ByteBuffer block = ByteBuffer.allocate(1 << 17).order(ByteOrder.LITTLE_ENDIAN);
    private boolean options;
    private long packets;

    /** Writes the section header (hardware, os, application) and the one interface's description. */
    public PcapngWriter(OutputStream out, String hardware, String os, String application, String interfaceName,
            String interfaceDescription) throws IOException {
        this.out = out;
        begin(SECTION_HEADER, 0);
        block.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1);   // length not given
        option(SHB_HARDWARE, hardware);
        option(SHB_OS, os);
        option(SHB_USERAPPL, application);
        finish();
        begin(INTERFACE_DESCRIPTION, 0);
        block.putShort((short) LINKTYPE_RAW).putShort((short) 0).putInt(0);   // snaplen 0: no limit
        option(IF_NAME, interfaceName);
        option(IF_DESCRIPTION, interfaceDescription);
        option(IF_TSRESOL, new byte[] {9});   // 10^-9 s: nanoseconds, as the trace has them
        finish();
    }

    /**
     * One packet on interface 0: {@code captured} bytes of {@code data} of a packet that was {@code original} bytes
     * long (less when the snap length cut its payload), at {@code epochNs}, with a comment (null: none).
     */
    public void packet(long epochNs, byte[] data, int captured, int original, String comment) throws IOException {
        byte[] text = comment == null ? null : comment.getBytes(StandardCharsets.UTF_8);
        begin(ENHANCED_PACKET, captured + (text == null ? 0 : text.length));
        block.putInt(0).putInt((int) (epochNs >>> 32)).putInt((int) epochNs).putInt(captured).putInt(original);
        block.put(data, 0, captured);
        pad();
        if (text != null) {
            option(OPT_COMMENT, text);
        }
        finish();
        packets++;
    }

    public long packets() {
        return packets;
    }

    private void begin(int type, int variable) {
        int need = 64 + variable + 4096;
        if (block.capacity() < need) {
            block = ByteBuffer.allocate(Math.max(need, block.capacity() * 2)).order(ByteOrder.LITTLE_ENDIAN);
        }
        block.clear();
        block.putInt(type).putInt(0);   // total length, filled in by finish
        options = false;
    }

    private void option(int code, String value) {
        if (value != null && !value.isEmpty()) {
            option(code, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void option(int code, byte[] value) {
        if (value.length > 0xffff - 3) {
            throw new IllegalArgumentException("pcapng option " + code + " longer than 65532 bytes");
        }
        block.putShort((short) code).putShort((short) value.length).put(value);
        pad();
        options = true;
    }

    private void pad() {
        while ((block.position() & 3) != 0) {
            block.put((byte) 0);
        }
    }

    private void finish() throws IOException {
        if (options) {
            block.putShort((short) OPT_ENDOFOPT).putShort((short) 0);
        }
        int total = block.position() + 4;
        block.putInt(total);
        block.putInt(4, total);
        out.write(block.array(), 0, total);
    }
}
