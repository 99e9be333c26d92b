package io.upsilon.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.upsilon.ModuleId;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON side of {@code --json}: one indented document per command, keys in the order they are given. The
 * libraries' result records serialize as they are: versions, ids and times as their text, Optionals as the value or
 * null.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new Jdk8Module()).registerModule(new SimpleModule()
                    .addSerializer(Version.class, ToStringSerializer.instance)
                    .addSerializer(ModuleId.class, ToStringSerializer.instance)
                    .addSerializer(TenantId.class, ToStringSerializer.instance)
                    .addSerializer(Instant.class, ToStringSerializer.instance));

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An ordered object from alternating keys and values; values may be null (printed as JSON null). */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
