package dev.atelier.gateway.edge;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/**
 * Reads a JSON request body into a contract record, strictly: malformed JSON is 400, and an
 * unknown field, a wrong type or a broken rule is 422 naming the field ({@code variants[1].sku}).
 * Unknown fields are refused so nobody can set {@code merchantId} or {@code version} by hand.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /** Throws HttpStatusFailure or Failure; the router's failure handler answers. */
  public static <T> T read(RoutingContext ctx, Class<T> type, List<String> mediaTypes) {
    String contentType = ctx.request().getHeader("Content-Type");
    String media = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase();
    if (!mediaTypes.contains(media)) {
      throw new HttpStatusFailure(415, "send the body as " + String.join(" or ", mediaTypes));
    }
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new HttpStatusFailure(400, "a JSON object body is required");
    }
    return parse(body.getBytes(), type);
  }

  static <T> T parse(byte[] json, Class<T> type) {
    T value;
    try {
      value = ContractJson.mapper().readValue(json, type);
    } catch (InputCoercionException e) {
      // well-formed JSON, but a number too large for its field: the client's value, so 422
      throw Failure.invalid(path(e.getProcessor() == null ? null : e.getProcessor().getParsingContext()), "is out of range");
    } catch (StreamReadException e) {
      throw new HttpStatusFailure(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (UnrecognizedPropertyException e) {
      throw Failure.invalid(path(e), "is not a known field");
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof Failure f) {
        throw f.under(path(e));
      }
      throw Failure.invalid(path(e), "has an invalid value");
    } catch (InvalidFormatException e) {
      throw Failure.invalid(path(e), "must be " + describe(e.getTargetType()));
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) {
        throw new HttpStatusFailure(400, "the body must be a JSON object");
      }
      throw Failure.invalid(field, e.getTargetType() == null ? "has the wrong type" : "must be " + describe(e.getTargetType()));
    } catch (JsonProcessingException e) {
      if (e instanceof JsonMappingException m && m.getCause() instanceof Failure f) {
        throw f.under(path(m));
      }
      if (e instanceof JsonMappingException m && m.getCause() instanceof InputCoercionException) {
        // databind wraps the parser's overflow with the path to the field
        throw Failure.invalid(path(m), "is out of range");
      }
      throw new HttpStatusFailure(400, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new HttpStatusFailure(400, "unreadable body");
    }
    if (value == null) {
      // the literal `null` reads as no object at all
      throw new HttpStatusFailure(400, "the body must be a JSON object");
    }
    return value;
  }

  private static String path(JacksonException e) {
    if (!(e instanceof JsonMappingException m)) {
      return "";
    }
    var sb = new StringBuilder();
    for (JsonMappingException.Reference ref : m.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String path(JsonStreamContext context) {
    var parts = new java.util.ArrayDeque<String>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push((c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
      }
    }
    return String.join("", parts);
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (List.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type == java.util.UUID.class) {
      return "a UUID";
    }
    return "an object";
  }
}
