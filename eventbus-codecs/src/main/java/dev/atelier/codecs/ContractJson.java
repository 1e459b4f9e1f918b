package dev.atelier.codecs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one Jackson configuration for every contract record: on the event bus, in Redis, in the
 * outbox and on HTTP. Strict on input, so a client's mistake is named rather than guessed at.
 */
public final class ContractJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      // 12.5 must not become 12 cents, nor "12" become 12: a wrong type is the client's to fix
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      // nor 7 become "7" where text is expected
      .withCoercionConfig(LogicalType.Textual, c -> c
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  // our own bus, cache and outbox never repeat a key: skip the duplicate check clients get
  private static final ObjectMapper TRUSTED = MAPPER.copy().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ContractJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName(), e);
    }
  }

  public static String toText(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName(), e);
    }
  }

  /** Reads trusted JSON (our own bus, cache, outbox); client input goes through the gateway's reader. */
  public static <T> T fromBytes(byte[] json, Class<T> type) {
    return fromBytes(json, 0, json.length, type);
  }

  public static <T> T fromBytes(byte[] json, int offset, int length, Class<T> type) {
    try {
      return TRUSTED.readValue(json, offset, length, type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + type.getName(), e);
    }
  }

  public static <T> T fromText(String json, Class<T> type) {
    try {
      return TRUSTED.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + type.getName(), e);
    }
  }
}
