package io.jtrace.analyzer.http;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.jtrace.analyzer.error.UsageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --proto FILE}: a FileDescriptorSet ({@code protoc --descriptor_set_out=FILE --include_imports}) whose
 * services' methods are looked up by gRPC path ({@code /package.Service/Method}), their messages parsed as
 * {@code DynamicMessage}s and printed by protobuf's own JSON printer.
 */
public final class GrpcSchema {
    /** A descriptor set larger than this is not one a user wrote. */
    static final long FILE_LIMIT = 64L << 20;

    private final Map<String, MethodDescriptor> methods = new HashMap<>();
    private final JsonFormat.Printer pretty;
    private final JsonFormat.Printer compact;

    /** A message as JSON, or why it is not: type is the message's full name (null when the method is unknown). */
    public record Json(String type, String text, String note) {
    }

    private GrpcSchema(List<FileDescriptor> files) {
        JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
        for (FileDescriptor f : files) {
            types.add(f.getMessageTypes());
            for (ServiceDescriptor s : f.getServices()) {
                for (MethodDescriptor m : s.getMethods()) {
                    methods.put("/" + s.getFullName() + "/" + m.getName(), m);
                }
            }
        }
        JsonFormat.TypeRegistry registry = types.build();
        pretty = JsonFormat.printer().usingTypeRegistry(registry);
        compact = pretty.omittingInsignificantWhitespace();
    }

    /** Reads a descriptor set; anything else is a usage error naming the file. */
    public static GrpcSchema load(Path file) {
        String name = "--proto " + file;
        FileDescriptorSet set;
        try {
            if (Files.size(file) > FILE_LIMIT) {
                throw new UsageException(name + ": over " + FILE_LIMIT + " bytes, not a descriptor set");
            }
            set = FileDescriptorSet.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw notASet(name);
        } catch (NoSuchFileException e) {
            throw new UsageException(name + ": No such file or directory");
        } catch (AccessDeniedException e) {
            throw new UsageException(name + ": Permission denied");
        } catch (IOException e) {
            throw new UsageException(name + ": " + (e.getMessage() == null ? "read error" : e.getMessage()));
        }
        // protobuf parses many byte strings as some message: a set has files, each named, and nothing else
        if (set.getFileCount() == 0 || !set.getUnknownFields().asMap().isEmpty()
                || set.getFileList().stream().anyMatch(f -> !f.hasName() || !f.getUnknownFields().asMap().isEmpty())) {
            throw notASet(name);
        }
        Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
        for (FileDescriptorProto f : set.getFileList()) {
            protos.put(f.getName(), f);
        }
        Map<String, FileDescriptor> built = new HashMap<>();
        List<FileDescriptor> files = new ArrayList<>();
        for (String f : protos.keySet()) {
            files.add(build(f, protos, built, new ArrayList<>(), name));
        }
        return new GrpcSchema(files);
    }

    private static UsageException notASet(String name) {
        return new UsageException(name + ": not a descriptor set (make one with protoc --descriptor_set_out=FILE "
                + "--include_imports)");
    }

    // a file after the files it imports, each built once
    private static FileDescriptor build(String file, Map<String, FileDescriptorProto> protos,
            Map<String, FileDescriptor> built, List<String> path, String name) {
        FileDescriptor done = built.get(file);
        if (done != null) {
            return done;
        }
        if (path.contains(file) || path.size() > 1000) {
            throw new UsageException(name + ": " + file + " imports itself");
        }
        FileDescriptorProto proto = protos.get(file);
        path.add(file);
        List<FileDescriptor> deps = new ArrayList<>();
        for (String d : proto.getDependencyList()) {
            if (!protos.containsKey(d)) {
                throw new UsageException(name + ": " + file + " imports " + d + ", which the set lacks (make it "
                        + "with protoc --include_imports)");
            }
            deps.add(build(d, protos, built, path, name));
        }
        path.remove(path.size() - 1);
        try {
            FileDescriptor f = FileDescriptor.buildFrom(proto, deps.toArray(new FileDescriptor[0]));
            built.put(file, f);
            return f;
        } catch (DescriptorValidationException e) {
            throw new UsageException(name + ": " + file + " is not valid: " + e.getDescription());
        }
    }

    /** How many methods the set names. */
    public int methods() {
        return methods.size();
    }

    /**
     * A message of the call at gRPC path {@code path}, parsed with the method's request or response type.
     *
     * @param pretty indented on several lines (for --full's text), else on one (for --json)
     */
    public Json json(String path, boolean request, byte[] bytes, boolean pretty) {
        MethodDescriptor m = path == null ? null : methods.get(path);
        if (m == null) {
            return new Json(null, null, "method not in the --proto descriptor set");
        }
        Descriptor type = request ? m.getInputType() : m.getOutputType();
        DynamicMessage msg;
        try {
            msg = DynamicMessage.parseFrom(type, bytes);
        } catch (InvalidProtocolBufferException e) {
            return new Json(type.getFullName(), null, "does not parse as " + type.getFullName());
        }
        try {
            String text = (pretty ? this.pretty : compact).print(msg);
            // the printer leaves out fields the type does not name: say they were there
            String note = msg.getUnknownFields().asMap().isEmpty() ? null
                    : "fields not in " + type.getFullName() + " left out: " + msg.getUnknownFields().asMap().keySet();
            return new Json(type.getFullName(), text, note);
        } catch (InvalidProtocolBufferException e) {
            // an Any whose type the set lacks
            return new Json(type.getFullName(), null, "not printable as JSON: " + e.getMessage());
        }
    }
}
