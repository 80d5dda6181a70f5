package io.jtrace.format;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import java.util.Objects;

/**
 * A buffer of a {@link RecordedSyscall}: the fields of a {@link Buffer} message, read by the same accessors, without
 * protobuf's message and builder objects. {@link #toProto()} gives the message, equal to the one protobuf's parser
 * makes of the same bytes.
 */
public final class RecordedBuffer {
    private final int arg;
    private final int part;
    private final int index;
    private final boolean atExit;
    private final long address;
    private final long length;
    private final ByteString data;
    private final int error;
    private final int message;

    /** The buffer as decoded: {@code part} is the enum's wire value, which may be one this version does not know. */
    public RecordedBuffer(int arg, int part, int index, boolean atExit, long address, long length, ByteString data,
            int error, int message) {
        this.arg = arg;
        this.part = part;
        this.index = index;
        this.atExit = atExit;
        this.address = address;
        this.length = length;
        this.data = Objects.requireNonNull(data);
        this.error = error;
        this.message = message;
    }

    /** The message's fields. */
    public static RecordedBuffer of(Buffer b) {
        return new RecordedBuffer(b.getArg(), b.getPartValue(), b.getIndex(), b.getAtExit(), b.getAddress(),
                b.getLength(), b.getData(), b.getError(), b.getMessage());
    }

    /** The message with these fields. */
    public Buffer toProto() {
        return Buffer.newBuilder().setArg(arg).setPartValue(part).setIndex(index).setAtExit(atExit)
                .setAddress(address).setLength(length).setData(data).setError(error).setMessage(message).build();
    }

    public int getArg() {
        return arg;
    }

    /** The part, {@code UNRECOGNIZED} for a value this version does not know (as the message's accessor). */
    public Buffer.Part getPart() {
        Buffer.Part p = Buffer.Part.forNumber(part);
        return p == null ? Buffer.Part.UNRECOGNIZED : p;
    }

    public int getPartValue() {
        return part;
    }

    public int getIndex() {
        return index;
    }

    public boolean getAtExit() {
        return atExit;
    }

    public long getAddress() {
        return address;
    }

    public long getLength() {
        return length;
    }

    public ByteString getData() {
        return data;
    }

    public int getError() {
        return error;
    }

    public int getMessage() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedBuffer b && b.arg == arg && b.part == part && b.index == index
                && b.atExit == atExit && b.address == address && b.length == length && b.error == error
                && b.message == message && b.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arg, part, index, atExit, address, length, error, message, data);
    }

    @Override
    public String toString() {
        return "RecordedBuffer[arg " + arg + ", part " + part + ", index " + index + ", " + data.size() + " of "
                + length + " bytes" + (error != 0 ? ", error " + error : "") + "]";
    }
}
