package io.jtrace.analyzer.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pcapng blocks parsed back field by field: section header, interface description, enhanced packets. */
public class PcapngWriterTest {
    /** One block: its type, body (after type and length, before the trailing length) and options. */
    public record Block(int type, ByteBuffer body, Map<Integer, byte[]> options) {
    }

    public static List<Block> parse(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> blocks = new ArrayList<>();
        while (b.hasRemaining()) {
            int start = b.position();
            int type = b.getInt();
            int length = b.getInt();
            assertEquals(0, length % 4, "block length is a multiple of 4");
            assertEquals(length, b.getInt(start + length - 4), "trailing length equals the leading one");
            ByteBuffer body = ByteBuffer.wrap(file, start + 8, length - 12).slice().order(ByteOrder.LITTLE_ENDIAN);
            int fixed = switch (type) {
                case PcapngWriter.SECTION_HEADER -> 16;
                case PcapngWriter.INTERFACE_DESCRIPTION -> 8;
                case PcapngWriter.ENHANCED_PACKET -> 20 + (body.getInt(12) + 3) / 4 * 4;
                default -> throw new AssertionError("unexpected block type " + type);
            };
            Map<Integer, byte[]> options = new HashMap<>();
            ByteBuffer o = body.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(fixed);
            while (o.remaining() >= 4) {
                int code = o.getShort() & 0xffff;
                int len = o.getShort() & 0xffff;
                if (code == PcapngWriter.OPT_ENDOFOPT) {
                    assertEquals(0, len);
                    assertEquals(0, o.remaining(), "end of options is last");
                    break;
                }
                byte[] v = new byte[len];
                o.get(v);
                o.position(o.position() + (4 - len % 4) % 4);
                options.put(code, v);
            }
            blocks.add(new Block(type, body, options));
            b.position(start + length);
        }
        return blocks;
    }

    static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void blocksParseBack() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PcapngWriter w = new PcapngWriter(out, "x86_64", "Linux 6.1", "jtrace-analyze 1.0", "jtrace", "a host");
        byte[] packet = {0x45, 0, 0, 20, 1, 2, 3};
        w.packet(0x1_2345_6789_abcdL, packet, 7, 1000, "pid 1 fd 3 write");
        w.packet(5, packet, 0, 20, null);
        assertEquals(2, w.packets());
        byte[] file = out.toByteArray();
        assertArrayEquals(new byte[] {0x0a, 0x0d, 0x0d, 0x0a}, java.util.Arrays.copyOf(file, 4), "the magic opens the file");
        List<Block> blocks = parse(file);
        assertEquals(4, blocks.size());

        Block shb = blocks.get(0);
        assertEquals(PcapngWriter.SECTION_HEADER, shb.type());
        assertEquals(0x1A2B3C4D, shb.body().getInt(0));
        assertEquals(1, shb.body().getShort(4));
        assertEquals(0, shb.body().getShort(6));
        assertEquals(-1L, shb.body().getLong(8), "section length not given");
        assertEquals("jtrace-analyze 1.0", text(shb.options().get(PcapngWriter.SHB_USERAPPL)));
        assertEquals("Linux 6.1", text(shb.options().get(PcapngWriter.SHB_OS)));
        assertEquals("x86_64", text(shb.options().get(PcapngWriter.SHB_HARDWARE)));

        Block idb = blocks.get(1);
        assertEquals(PcapngWriter.INTERFACE_DESCRIPTION, idb.type());
        assertEquals(101, idb.body().getShort(0), "LINKTYPE_RAW");
        assertEquals(0, idb.body().getInt(4), "no snap length");
        assertArrayEquals(new byte[] {9}, idb.options().get(PcapngWriter.IF_TSRESOL), "nanoseconds");
        assertEquals("jtrace", text(idb.options().get(PcapngWriter.IF_NAME)));

        Block epb = blocks.get(2);
        assertEquals(PcapngWriter.ENHANCED_PACKET, epb.type());
        assertEquals(0, epb.body().getInt(0), "interface 0");
        assertEquals(0x1_2345_6789_abcdL, (epb.body().getInt(4) & 0xffffffffL) << 32 | epb.body().getInt(8) & 0xffffffffL);
        assertEquals(7, epb.body().getInt(12), "captured length");
        assertEquals(1000, epb.body().getInt(16), "original length");
        byte[] data = new byte[7];
        epb.body().get(20, data);
        assertArrayEquals(packet, data);
        assertEquals(0, epb.body().get(27), "padded with zeros");
        assertEquals("pid 1 fd 3 write", text(epb.options().get(PcapngWriter.OPT_COMMENT)));

        Block bare = blocks.get(3);
        assertEquals(0, bare.body().getInt(12));
        assertEquals(20, bare.body().getInt(16));
        assertNull(bare.options().get(PcapngWriter.OPT_COMMENT));
        assertEquals(20, bare.body().remaining(), "no options, no end-of-options");
    }
}
