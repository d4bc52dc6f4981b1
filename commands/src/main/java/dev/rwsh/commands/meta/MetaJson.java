package dev.rwsh.commands.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.math.BigInteger;

/**
 * Decoded values as JSON: protobuf messages in protobuf's JSON mapping with the .proto field names
 * (64-bit numbers as strings, bytes as base64, default values left out), as Jackson trees so they
 * nest inside a command's JSON result.
 */
public final class MetaJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames()
            .omittingInsignificantWhitespace();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetaJson() {
    }

    public static JsonNode of(Message message) {
        try {
            return MAPPER.readTree(PRINTER.print(message));
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName() + " as JSON", e);
        }
    }

    /** The decoded value of an entry: a message, a text, a number, or null when it did not decode. */
    public static JsonNode valueOf(MetaEntry entry) {
        if (entry.message() != null) {
            return of(entry.message());
        }
        if (entry.text() != null) {
            return TextNode.valueOf(entry.text());
        }
        if (entry.number() != null) {
            long n = entry.number();
            return n >= 0 ? LongNode.valueOf(n) : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(n)));
        }
        return null;
    }

    /** Indented JSON text of a tree, for table output. */
    public static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
