package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.UnknownFieldSet;
import io.jtrace.analyzer.error.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --proto's descriptor sets: methods found by gRPC path, messages as protobuf JSON, messages that do not parse or
 * carry unknown fields noted, and files that are no descriptor set (or lack an import) refused in one line.
 */
class GrpcSchemaTest {
    @TempDir
    Path tmp;

    /** types.proto: message Point {int32 x = 1; string label = 2;}; api.proto imports it: service Map.Find. */
    static FileDescriptorProto types() {
        return FileDescriptorProto.newBuilder().setName("types.proto").setPackage("geo").setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Point")
                        .addField(field("x", 1, FieldDescriptorProto.Type.TYPE_INT32))
                        .addField(field("label", 2, FieldDescriptorProto.Type.TYPE_STRING)))
                .build();
    }

    static FileDescriptorProto api() {
        return FileDescriptorProto.newBuilder().setName("api.proto").setPackage("geo.v1").setSyntax("proto3")
                .addDependency("types.proto")
                .addService(ServiceDescriptorProto.newBuilder().setName("Map").addMethod(MethodDescriptorProto
                        .newBuilder().setName("Find").setInputType(".geo.Point").setOutputType(".geo.Point")))
                .build();
    }

    static FieldDescriptorProto.Builder field(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
    }

    Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Point{x: 7, label: "a"} on the wire, hand-encoded. */
    static final byte[] POINT = {0x08, 0x07, 0x12, 0x01, 'a'};

    @Test
    void messagesAsJsonByMethod() throws Exception {
        // api.proto before the file it imports: the set's order does not matter
        GrpcSchema s = GrpcSchema.load(write("ok.desc", FileDescriptorSet.newBuilder().addFile(api()).addFile(types())
                .build().toByteArray()));
        assertEquals(1, s.methods());
        GrpcSchema.Json j = s.json("/geo.v1.Map/Find", true, POINT, false);
        assertEquals("geo.Point", j.type());
        assertEquals("{\"x\":7,\"label\":\"a\"}", j.text());
        assertNull(j.note());
        assertEquals("{\n  \"x\": 7,\n  \"label\": \"a\"\n}", s.json("/geo.v1.Map/Find", false, POINT, true).text());
        assertEquals("{\n}", s.json("/geo.v1.Map/Find", false, new byte[0], true).text());

        GrpcSchema.Json none = s.json("/geo.v1.Map/Lose", true, POINT, false);
        assertNull(none.text());
        assertEquals("method not in the --proto descriptor set", none.note());
        assertEquals("method not in the --proto descriptor set", s.json(null, true, POINT, false).note());

        // field 1 says 127 bytes follow; two do
        GrpcSchema.Json bad = s.json("/geo.v1.Map/Find", true, new byte[] {0x12, 0x7f, 'n', 'o'}, false);
        assertNull(bad.text());
        assertEquals("does not parse as geo.Point", bad.note());

        byte[] extra = UnknownFieldSet.newBuilder().mergeFrom(POINT).mergeLengthDelimitedField(9,
                ByteString.copyFromUtf8("?")).build().toByteArray();
        GrpcSchema.Json unknown = s.json("/geo.v1.Map/Find", true, extra, false);
        assertEquals("{\"x\":7,\"label\":\"a\"}", unknown.text());
        assertEquals("fields not in geo.Point left out: [9]", unknown.note());
    }

    /** google.protobuf.Any, with the set's types (protoc --include_imports puts any.proto in it) and without. */
    @Test
    void anyByTheSetsTypes() throws Exception {
        FileDescriptorProto any = com.google.protobuf.AnyProto.getDescriptor().toProto();
        FileDescriptorProto holder = FileDescriptorProto.newBuilder().setName("holder.proto").setPackage("h")
                .setSyntax("proto3").addDependency(any.getName()).addDependency("types.proto")
                .addMessageType(DescriptorProto.newBuilder().setName("Holder").addField(field("a", 1,
                        FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(".google.protobuf.Any")))
                .addService(ServiceDescriptorProto.newBuilder().setName("H").addMethod(MethodDescriptorProto
                        .newBuilder().setName("Get").setInputType(".h.Holder").setOutputType(".h.Holder")))
                .build();
        GrpcSchema s = GrpcSchema.load(write("any.desc", FileDescriptorSet.newBuilder().addFile(any).addFile(types())
                .addFile(holder).build().toByteArray()));
        byte[] point = com.google.protobuf.Any.newBuilder().setTypeUrl("type.googleapis.com/geo.Point")
                .setValue(com.google.protobuf.ByteString.copyFrom(POINT)).build().toByteArray();
        byte[] held = UnknownFieldSet.newBuilder().mergeLengthDelimitedField(1, ByteString.copyFrom(point)).build()
                .toByteArray();
        assertEquals("{\"a\":{\"@type\":\"type.googleapis.com/geo.Point\",\"x\":7,\"label\":\"a\"}}",
                s.json("/h.H/Get", true, held, false).text());
        byte[] stranger = com.google.protobuf.Any.newBuilder().setTypeUrl("x/\u001b[2Jno.Such").build().toByteArray();
        GrpcSchema.Json j = s.json("/h.H/Get", true, UnknownFieldSet.newBuilder().mergeLengthDelimitedField(1,
                ByteString.copyFrom(stranger)).build().toByteArray(), false);
        assertNull(j.text());
        assertEquals("h.Holder", j.type());
        assertEquals("not printable as JSON: Cannot find type for url: x/\u001b[2Jno.Such", j.note());
    }

    @Test
    void filesThatAreNoDescriptorSetRefusedInOneLine() throws Exception {
        String hint = "not a descriptor set (make one with protoc --descriptor_set_out=FILE --include_imports)";
        for (byte[] bytes : new byte[][] {new byte[0], "syntax = \"proto3\";\n".getBytes(),
                types().toByteArray(), {(byte) 0xff, (byte) 0xff, (byte) 0xff}, {0x0a, 0x7f, 0x01}}) {
            Path p = write("bad.desc", bytes);
            UsageException e = assertThrows(UsageException.class, () -> GrpcSchema.load(p));
            assertEquals("--proto " + p + ": " + hint, e.getMessage());
        }
        Path lacking = write("lacking.desc", FileDescriptorSet.newBuilder().addFile(api()).build().toByteArray());
        assertEquals("--proto " + lacking + ": api.proto imports types.proto, which the set lacks (make it with "
                + "protoc --include_imports)", assertThrows(UsageException.class, () -> GrpcSchema.load(lacking))
                .getMessage());
        Path invalid = write("invalid.desc", FileDescriptorSet.newBuilder().addFile(types().toBuilder()
                .setMessageType(0, types().getMessageType(0).toBuilder().addField(field("y", 1,
                        FieldDescriptorProto.Type.TYPE_INT32)))).build().toByteArray());
        String m = assertThrows(UsageException.class, () -> GrpcSchema.load(invalid)).getMessage();
        assertEquals("--proto " + invalid + ": types.proto is not valid: ", m.substring(0, m.indexOf("valid: ") + 7));
        Path self = write("self.desc", FileDescriptorSet.newBuilder().addFile(types().toBuilder()
                .addDependency("types.proto")).build().toByteArray());
        assertEquals("--proto " + self + ": types.proto imports itself", assertThrows(UsageException.class,
                () -> GrpcSchema.load(self)).getMessage());
        assertEquals("--proto " + tmp.resolve("none") + ": No such file or directory", assertThrows(
                UsageException.class, () -> GrpcSchema.load(tmp.resolve("none"))).getMessage());
        assertThrows(UsageException.class, () -> GrpcSchema.load(tmp));
    }
}
